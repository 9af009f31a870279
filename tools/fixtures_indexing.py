#!/usr/bin/env python3
"""Writes the NumPy reference fixtures of the indexing/joining/printing tests.

Run from the repository root:  python3 tools/fixtures_indexing.py
Output: dezero-core/src/test/resources/fixtures/indexing/*.json (deterministic: fixed seeds).

Encoding used by every file:
  array  = {"dtype": "float64"|"float32"|"int64", "shape": [...], "data": [...] (C order)}
           or {"dtype": ..., "shape": [...], "gen": {"mul": m, "add": c, "div": d}}
           meaning data[i] = ((i * m) + c) / d computed in float64, then cast to dtype
  index  = {"at": i} | {"slice": [start|null, stop|null, step|null]} | "newaxis" | {"array": array}
  error  = {"type": "IndexError"|"ValueError", "message": NumPy's message}
"""
import json
import math
import os
import random

import numpy as np

OUT = os.path.join("dezero-core", "src", "test", "resources", "fixtures", "indexing")


def enc_value(x, dtype):
    if dtype == "int64":
        return int(x)
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        return x  # json writes NaN / Infinity / -Infinity
    if x == int(x) and abs(x) < 2**53 and not (x == 0 and math.copysign(1, x) < 0):
        return int(x)
    return x


def enc(a):
    a = np.asarray(a)
    dt = str(a.dtype)
    return {"dtype": dt, "shape": list(a.shape), "data": [enc_value(x, dt) for x in a.ravel().tolist()]}


def enc_spec(spec):
    out = []
    for s in spec:
        if s is None:
            out.append("newaxis")
        elif isinstance(s, slice):
            out.append({"slice": [s.start, s.stop, s.step]})
        elif isinstance(s, np.ndarray):
            out.append({"array": enc(s)})
        else:
            out.append({"at": int(s)})
    return out


def source(shape, dtype="float64"):
    n = int(np.prod(shape)) if len(shape) else 1
    return np.arange(n, dtype=np.float64).reshape(shape).astype(dtype)


def run(fn):
    try:
        return {"out": enc(fn())}
    except IndexError as e:
        return {"error": {"type": "IndexError", "message": str(e).strip()}}
    except ValueError as e:
        return {"error": {"type": "ValueError", "message": str(e).strip()}}


def rand_shape(rng, ndim, lo=0, hi=6):
    return tuple(rng.choice([lo] + list(range(max(lo, 1), hi + 1)) * 3) for _ in range(ndim))


def rand_slice(rng):
    def bound():
        return None if rng.random() < 0.3 else rng.randint(-9, 9)
    step = rng.choice([None, None, 1, 2, 3, -1, -1, -2, -3, 5])
    return slice(bound(), bound(), step)


def rand_int(rng, d, allow_oob):
    if d == 0 or (allow_oob and rng.random() < 0.04):
        return rng.choice([d, d + 2, -d - 1, 7])
    return rng.randint(-d, d - 1)


def rand_basic_spec(rng, shape, allow_oob=True):
    nd = len(shape)
    consume = rng.randint(0, nd + (1 if allow_oob and rng.random() < 0.05 else 0))
    spec = []
    axis = 0
    while axis < consume:
        r = rng.random()
        if r < 0.12:
            spec.append(None)
            continue
        d = shape[axis] if axis < nd else 3
        if r < 0.35:
            spec.append(rand_int(rng, d, allow_oob))
        else:
            spec.append(rand_slice(rng))
        axis += 1
    if rng.random() < 0.1:
        spec.append(None)
    return spec


def slicing_cases():
    rng = random.Random(101)
    cases = []
    for ndim in range(1, 5):
        for _ in range(80):
            shape = rand_shape(rng, ndim)
            spec = rand_basic_spec(rng, shape)
            a = source(shape)
            c = {"shape": list(shape), "spec": enc_spec(spec)}
            c.update(run(lambda: a[tuple(spec)]))
            cases.append(c)
    return cases


def index_array(rng, bshape, d, allow_oob):
    # a shape that broadcasts to bshape: drop leading dims and set some dims to 1
    k = rng.randint(0, len(bshape))
    shape = [1 if rng.random() < 0.3 else x for x in bshape[k:]]
    n = int(np.prod(shape)) if shape else 1
    vals = [rand_int(rng, d, allow_oob) for _ in range(n)]
    return np.array(vals, dtype=np.int64).reshape(shape)


def rand_adv_spec(rng, shape, allow_oob=True):
    nd = len(shape)
    consume = rng.randint(1, nd)
    bshape = rand_shape(rng, rng.randint(0, 2), lo=1, hi=4)
    spec = []
    axis = 0
    have_array = False
    while axis < consume:
        r = rng.random()
        if r < 0.08:
            spec.append(None)
            continue
        d = shape[axis]
        if r < 0.55 or (axis == consume - 1 and not have_array):
            spec.append(index_array(rng, bshape, d, allow_oob))
            have_array = True
        elif r < 0.7:
            spec.append(rand_int(rng, d, allow_oob))
        else:
            spec.append(rand_slice(rng))
        axis += 1
    if rng.random() < 0.05:
        # arrays that cannot broadcast together
        spec.append(np.zeros(7, dtype=np.int64)) if consume < nd else None
    return spec


def advanced_cases():
    rng = random.Random(202)
    cases = []
    for ndim in range(1, 5):
        for _ in range(70):
            shape = rand_shape(rng, ndim, lo=1, hi=5)
            dtype = rng.choice(["float64", "float64", "float32", "int64"])
            spec = rand_adv_spec(rng, shape)
            a = source(shape, dtype)
            c = {"shape": list(shape), "dtype": dtype, "spec": enc_spec(spec)}
            c.update(run(lambda: a[tuple(spec)]))
            cases.append(c)
    # hand-picked
    t = np.array([2, 0, 1, 1, 3], dtype=np.int64)
    picked = [
        ((5, 4), [np.arange(5), t]),
        ((5, 4), [np.arange(5), -t - 1]),
        ((3, 4, 5), [np.array([0, 2]), slice(None), np.array([1, 4])]),
        ((3, 4, 5), [0, slice(None), np.array([1, 2])]),
        ((3, 4, 5), [slice(None), np.array([0]), None, np.array([1])]),
        ((3, 4, 5), [slice(None), 0, None, np.array([1])]),
        ((3, 4, 5), [None, np.array([0]), np.array([1])]),
        ((3, 4, 5), [slice(None), np.array([[0, 1], [2, 3]]), np.array([[4], [0]])]),
        ((3, 4, 5), [np.array([[0, 0, 2]])]),
        ((3, 4, 5), [slice(None, None, -1), np.array([3, 0])]),
        ((3, 4, 5), [np.array([1]), 2, np.array([3, 4])]),
        ((3, 4, 5), [np.array(1), np.array([3, 0]), slice(1, 4)]),
        ((3, 4), [np.array([], dtype=np.int64)]),
        ((3, 4), [slice(None), np.array([5])]),
        ((3, 4), [np.array([-4])]),
        ((3, 4), [np.array([0, 1]), np.array([0, 1, 2])]),
        ((3, 4), [np.array([0]), 0, 0]),
        ((3, 4, 5), [None, slice(None), np.array([7])]),
        ((3, 4, 5), [slice(None), np.array([0]), None, np.array([9])]),
    ]
    for shape, spec in picked:
        a = source(shape)
        c = {"shape": list(shape), "dtype": "float64", "spec": enc_spec(spec)}
        c.update(run(lambda: a[tuple(spec)]))
        cases.append(c)
    return cases


def addat_cases():
    rng = random.Random(303)
    cases = []

    def add(a, spec, values):
        def f():
            r = a.copy()
            np.add.at(r, tuple(spec), values)
            return r
        c = {"a": enc(a), "spec": enc_spec(spec), "values": enc(values)}
        c.update(run(f))
        cases.append(c)

    for ndim in range(1, 5):
        for _ in range(45):
            shape = rand_shape(rng, ndim, lo=1, hi=4)
            dtype = rng.choice(["float64", "float64", "float32", "int64"])
            if rng.random() < 0.75:
                spec = rand_adv_spec(rng, shape, allow_oob=False)
            else:
                spec = rand_basic_spec(rng, shape, allow_oob=False)
            a = np.array([rng.randint(-9, 9) for _ in range(int(np.prod(shape)))], dtype=dtype).reshape(shape)
            try:
                gshape = a[tuple(spec)].shape
            except (IndexError, ValueError):
                continue
            # values broadcastable to the result shape (sometimes lower rank / with ones)
            k = rng.randint(0, len(gshape)) if rng.random() < 0.3 else 0
            vshape = [1 if rng.random() < 0.2 else x for x in gshape[k:]]
            vals = np.array([rng.randint(-5, 5) for _ in range(int(np.prod(vshape)) if vshape else 1)],
                            dtype=dtype).reshape(vshape)
            add(a, spec, vals)
    # the autodiff workhorses: softmax cross entropy and embedding
    t = np.array([2, 0, 1, 1, 3, 2], dtype=np.int64)
    add(np.zeros((6, 4)), [np.arange(6), t], np.arange(1, 7, dtype=np.float64))
    ids = np.array([[1, 3, 1], [0, 1, 4]], dtype=np.int64)
    add(np.zeros((5, 3)), [ids], np.arange(18, dtype=np.float64).reshape(2, 3, 3))
    add(np.zeros((5, 3), dtype=np.float32), [ids], np.arange(18, dtype=np.float32).reshape(2, 3, 3))
    add(np.ones((4,)), [np.array([0, 0, 0, -1, 3])], np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    add(np.zeros((3, 4)), [slice(None), np.array([1, 1, 3])], np.ones((3, 3)))
    add(np.zeros((3, 4, 2)), [np.array([0, 2, 0]), slice(None), np.array([1, 1, 0])], np.arange(12.0).reshape(3, 4))
    add(np.zeros((3, 4)), [1], np.arange(4.0))
    add(np.zeros((3, 4)), [slice(None, None, -2), slice(1, 3)], np.arange(4.0).reshape(2, 2))
    add(np.zeros((3, 4)), [np.array([0, 1])], np.ones(3))  # bad values shape
    return cases


def take_cases():
    rng = random.Random(404)
    cases = []
    for ndim in range(1, 4):
        for _ in range(25):
            shape = rand_shape(rng, ndim, lo=1, hi=5)
            axis = rng.randint(-ndim, ndim - 1)
            d = shape[axis]
            ishape = rand_shape(rng, rng.randint(0, 2), lo=0, hi=3)
            n = int(np.prod(ishape)) if ishape else 1
            idx = np.array([rand_int(rng, d, True) for _ in range(n)], dtype=np.int64).reshape(ishape)
            dtype = rng.choice(["float64", "float32", "int64"])
            a = source(shape, dtype)
            c = {"a": {"dtype": dtype, "shape": list(shape)}, "indices": enc(idx), "axis": axis}
            c.update(run(lambda: np.take(a, idx, axis=axis)))
            cases.append(c)
    return cases


def join_cases():
    rng = random.Random(505)
    cases = []
    for _ in range(60):
        ndim = rng.randint(1, 4)
        base = list(rand_shape(rng, ndim, lo=0, hi=4))
        axis = rng.randint(-ndim, ndim - 1)
        k = rng.randint(1, 4)
        arrays = []
        for j in range(k):
            s = list(base)
            s[axis] = rng.randint(0, 3)
            dt = rng.choice(["float64", "float64", "float32", "int64"])
            n = int(np.prod(s))
            arrays.append((np.arange(n, dtype=np.float64) + 100 * j).reshape(s).astype(dt))
        c = {"op": "concatenate", "arrays": [enc(x) for x in arrays], "axis": axis}
        c.update(run(lambda: np.concatenate(arrays, axis=axis)))
        cases.append(c)
    for _ in range(40):
        ndim = rng.randint(0, 3)
        s = list(rand_shape(rng, ndim, lo=0, hi=4))
        axis = rng.randint(-ndim - 1, ndim)
        k = rng.randint(1, 3)
        n = int(np.prod(s)) if s else 1
        arrays = [(np.arange(n, dtype=np.float64) + 100 * j).reshape(s).astype(rng.choice(["float64", "float32", "int64"]))
                  for j in range(k)]
        c = {"op": "stack", "arrays": [enc(x) for x in arrays], "axis": axis}
        c.update(run(lambda: np.stack(arrays, axis=axis)))
        cases.append(c)
    for _ in range(60):
        ndim = rng.randint(1, 3)
        s = list(rand_shape(rng, ndim, lo=0, hi=8))
        axis = rng.randint(-ndim, ndim - 1)
        a = source(s)
        if rng.random() < 0.5:
            sections = rng.randint(1, 4)
            c = {"op": "split_sections", "a": {"dtype": "float64", "shape": s}, "sections": sections, "axis": axis}
            arg = sections
        else:
            indices = [rng.randint(-9, 9) for _ in range(rng.randint(0, 4))]
            c = {"op": "split_indices", "a": {"dtype": "float64", "shape": s}, "indices": indices, "axis": axis}
            arg = indices
        try:
            c["parts"] = [enc(p) for p in np.split(a, arg, axis=axis)]
        except ValueError as e:
            c["error"] = {"type": "ValueError", "message": str(e)}
        cases.append(c)
    return cases


def format_cases():
    rng = random.Random(606)
    nprng = np.random.default_rng(607)
    cases = []

    def add(a, gen=None):
        a = np.asarray(a)
        e = enc(a) if gen is None else {"dtype": str(a.dtype), "shape": list(a.shape), "gen": gen}
        cases.append({"array": e, "str": str(a)})

    def add_gen(shape, dtype, mul=1.0, addc=0.0, div=1.0):
        n = int(np.prod(shape)) if shape else 1
        a = ((np.arange(n, dtype=np.float64) * mul + addc) / div).reshape(shape).astype(dtype)
        add(a, {"mul": mul, "add": addc, "div": div})

    # hand-picked
    for dt in ["float64", "float32"]:
        add(np.array([[1, 2], [3, 4]], dtype=dt))
        add(np.array([0.1, 0.2, 0.3], dtype=dt))
        add(np.array([1.0, 0.5, -0.25], dtype=dt))
        add(np.array([1e-5, 1.0], dtype=dt))
        add(np.array([1.5e-5, 1.0], dtype=dt))
        add(np.array([1e-4, 1], dtype=dt))
        add(np.array([1e-4, 5e-4], dtype=dt))
        add(np.array([1e6, 1.0], dtype=dt))
        add(np.array([999999.0, 1.0], dtype=dt))
        add(np.array([1e8, 1.0], dtype=dt))
        add(np.array([99999999.0, 1.0], dtype=dt))
        add(np.array([123456.789], dtype=dt))
        add(np.array([1000.0, 1.0], dtype=dt))
        add(np.array([1001.0, 1.0], dtype=dt))
        add(np.array([np.nan, 1.0, -np.inf], dtype=dt))
        add(np.array([np.nan, np.inf], dtype=dt))
        add(np.array([-np.inf, 1e-7], dtype=dt))
        add(np.array([0.0, -0.0, 1.0], dtype=dt))
        add(np.array([0.0, 0.0], dtype=dt))
        add(np.array([-0.0], dtype=dt))
        add(np.array([1 / 3, 2 / 3, 1.0], dtype=dt))
        add(np.array([0.001953125, 0.005859375], dtype=dt))
        add(np.array([1e300, 1e-300], dtype=dt) if dt == "float64" else np.array([3e38, 1e-38], dtype=dt))
        add(np.array([5e-324, 1.0]) if dt == "float64" else np.array([1e-45, 1.0], dtype=dt))
        add(np.array([[1e100, -1.5], [np.nan, 2.0]], dtype=dt))
        add(np.zeros((2, 3, 4), dtype=dt))
        add(np.array([9.999999999, 0.5], dtype=dt))
        add(np.array([0.99999999999, 1.5], dtype=dt))
        add(np.array([6.351000049838023, 3.2974426293330694], dtype=dt))
    add(np.array([1, -2, 300], dtype=np.int64))
    add(np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int64))
    add(np.array([-9223372036854775807 - 1, 9223372036854775807], dtype=np.int64))
    add(np.zeros((0,)))
    add(np.zeros((2, 0)))
    add(np.zeros((0, 3), dtype=np.int64))
    add(np.array([7], dtype=np.int64))
    add(np.zeros((1, 1, 1)))
    # wide rows that wrap
    add_gen((30,), "float64", 1.0, 0.5, 3.0)
    add_gen((4, 25), "float64", 1.0, 0.0, 7.0)
    add_gen((3, 2, 20), "float32", 1.0, 0.0, 7.0)
    add_gen((50,), "int64", 1.0, -25.0)
    add_gen((2, 40), "int64", 12345.0, -300000.0)
    add_gen((26,), "float64", 1e-5, 0.0, 3.0)
    add_gen((2, 3, 4, 5), "float64")
    add_gen((2, 2, 2, 2, 2), "int64")
    # summarized (> 1000 elements)
    add_gen((2000,), "int64")
    add_gen((1001,), "float64", 1.0, 0.0, 3.0)
    add_gen((1000,), "float64", 1.0, 0.0, 3.0)
    add_gen((40, 30), "float64", 1.0, -600.0, 7.0)
    add_gen((40, 30), "float32", 1.0, 0.0, 9.0)
    add_gen((11, 10, 12), "float64", 0.001)
    add_gen((5, 300), "int64")
    add_gen((300, 5), "float64", 0.25)
    add_gen((4, 4, 4, 4, 4), "float64", 1.0, 0.0, 1e6)
    add_gen((2, 1200), "float64", 1e-6)
    big = nprng.standard_normal((7, 150))
    big[3, 1] = np.nan
    add(big)
    # random small arrays of random magnitudes
    for _ in range(200):
        ndim = rng.choice([1, 1, 1, 2, 2, 3])
        shape = rand_shape(rng, ndim, lo=1, hi=4)
        n = int(np.prod(shape))
        dt = rng.choice(["float64", "float64", "float32"])
        e0 = rng.randint(-12, 12)
        spread = rng.choice([0, 0, 1, 2, 4, 9])
        vals = []
        for _ in range(n):
            r = rng.random()
            if r < 0.03:
                v = rng.choice([np.nan, np.inf, -np.inf, 0.0, -0.0])
            else:
                v = nprng.standard_normal() * 10.0 ** (e0 + rng.randint(0, spread))
                if rng.random() < 0.4:
                    v = float(f"{v:.{rng.randint(1, 5)}g}")
            vals.append(v)
        add(np.array(vals, dtype=dt).reshape(shape))
    for _ in range(60):
        shape = rand_shape(rng, rng.randint(1, 3), lo=1, hi=5)
        n = int(np.prod(shape))
        mag = 10 ** rng.randint(0, 18)
        add(np.array([rng.randint(-mag, mag) for _ in range(n)], dtype=np.int64).reshape(shape))
    return cases


def scalar_cases():
    """{dtype: [[value, str(np.array(value, dtype))], ...]}"""
    rng = random.Random(707)
    nprng = np.random.default_rng(708)
    cases = {}

    def add(dt, v):
        x = np.array(v, dtype=dt)
        cases.setdefault(dt, []).append([enc_value(x, dt), str(x)])

    special = [0.5, 6.351000049838023, 0.1, 1.0, -0.0, 0.0, 1e16, 9999999999999998.0, 1e-4, 9.999999999999999e-05,
               1e-5, 1.5e-5, 123456789.0, 1e22, 1e23, 5e-324, 1.7976931348623157e308, 2.0**60, 2.0**-20,
               float("nan"), float("inf"), float("-inf"), 3.2974426293330694, 1 / 3, 2 / 3, 100.0, 1e15]
    for v in special:
        add("float64", v)
        add("float32", v)
    for _ in range(500):
        v = nprng.standard_normal() * 10.0 ** rng.randint(-30, 30)
        if rng.random() < 0.3:
            v = float(f"{v:.{rng.randint(1, 6)}g}")
        add("float64", v)
        add("float32", v)
    for _ in range(150):
        # random bit patterns (finite)
        bits = rng.getrandbits(64)
        v = np.array([bits], dtype=np.uint64).view(np.float64)[0]
        if np.isfinite(v):
            add("float64", v)
        b32 = rng.getrandbits(32)
        f = np.array([b32], dtype=np.uint32).view(np.float32)[0]
        if np.isfinite(f):
            add("float32", f)
    for v in [0, 3, -7, 9223372036854775807, -9223372036854775807 - 1]:
        add("int64", v)
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        "slicing.json": slicing_cases(),
        "advanced.json": advanced_cases(),
        "addat.json": addat_cases(),
        "take.json": take_cases(),
        "join.json": join_cases(),
        "format.json": format_cases(),
        "scalars.json": scalar_cases(),
    }
    for name, cases in files.items():
        with open(os.path.join(OUT, name), "w") as f:
            json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))
            f.write("\n")
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
