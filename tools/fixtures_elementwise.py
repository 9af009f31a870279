#!/usr/bin/env python3
"""Writes the NumPy fixtures of the elementwise/reduction tests of dezero.ndarray.

Output: dezero-core/src/test/resources/fixtures/elementwise/*.txt, read by the test helper
dezero.ndarray.Fixtures. Format: records, each starting with a line
    @ <kind> key=value key=value ...
followed by array lines
    <name> <dtype> <shape> <values...>
(shape as 2x3, or "-" for 0-d; values in C order, float64 with 17 significant digits, float32 with 9,
nan/inf/-inf spelled so) or by an error line
    err <message>

Inputs are deterministic (numpy.random.RandomState with fixed seeds). Run from the repository root:
    python3 tools/fixtures_elementwise.py
"""
import itertools
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dezero-core", "src", "test", "resources",
                   "fixtures", "elementwise")


def fmt_value(v, dtype):
    if dtype == np.int64:
        return str(int(v))
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    if dtype == np.float32:
        return "%.9g" % float(v)
    return "%.17g" % float(v)


def arr(name, a):
    a = np.asarray(a)
    dt = {np.dtype(np.float64): "float64", np.dtype(np.float32): "float32", np.dtype(np.int64): "int64"}[a.dtype]
    shape = "x".join(str(d) for d in a.shape) if a.ndim else "-"
    vals = " ".join(fmt_value(v, a.dtype.type) for v in a.reshape(-1))
    return ("%s %s %s %s" % (name, dt, shape, vals)).rstrip()


def shape_str(s):
    return "x".join(str(d) for d in s) if len(s) else "-"


def header(kind, **kv):
    return "@ " + kind + "".join(" %s=%s" % (k, v) for k, v in kv.items())


def write(name, lines):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s (%d bytes)" % (path, os.path.getsize(path)), file=sys.stderr)


# --------------------------------------------------------------------------- broadcasting
SHAPES = [(), (1,), (3,), (4,), (2, 1), (1, 3), (2, 3), (3, 1, 1), (2, 1, 3), (1, 2, 4, 1), (2, 1, 1, 3)]


def broadcasting():
    rs = np.random.RandomState(1)
    lines = []
    inputs = {}
    for i, s in enumerate(SHAPES):
        x = np.asarray(np.round(rs.uniform(0.5, 2.5, size=s), 3))     # positive bases for pow
        y = np.asarray(np.round(rs.uniform(-2.0, 2.0, size=s), 3))
        y[np.abs(y) < 0.05] = 0.5                          # no division by (almost) zero
        inputs[i] = (np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
        lines.append(header("input", id=i))
        lines.append(arr("x", inputs[i][0]))
        lines.append(arr("y", inputs[i][1]))
    ops = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
           "maximum": np.maximum, "pow": np.power}
    for i, j in itertools.product(range(len(SHAPES)), repeat=2):
        x = inputs[i][0]
        y = inputs[j][1]
        try:
            np.broadcast_shapes(SHAPES[i], SHAPES[j])
        except ValueError:
            lines.append(header("binary", a=i, b=j, op="add"))
            lines.append("err add: shapes %s and %s cannot be broadcast" % (pyshape(SHAPES[i]), pyshape(SHAPES[j])))
            continue
        for name, f in ops.items():
            lines.append(header("binary", a=i, b=j, op=name))
            lines.append(arr("r", f(x, y)))
    # float32 versions for a subset of the pairs
    for i, j in [(6, 2), (6, 5), (8, 4), (9, 10), (0, 6), (6, 0), (7, 5)]:
        x = inputs[i][0].astype(np.float32)
        y = inputs[j][1].astype(np.float32)
        for name, f in ops.items():
            lines.append(header("binary32", a=i, b=j, op=name))
            lines.append(arr("r", f(x, y)))
    write("broadcast.txt", lines)


def pyshape(s):
    return str(tuple(s))


# --------------------------------------------------------------------------- reductions
def subsets(n):
    for k in range(n + 1):
        for c in itertools.combinations(range(n), k):
            yield c


def lse(x, axis, keepdims):
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    r = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    if not keepdims:
        r = np.squeeze(r, axis=axis) if axis is not None else r.reshape(())
    return r


def reductions():
    rs = np.random.RandomState(2)
    lines = []
    arrays = {
        "r3": np.round(rs.standard_normal((2, 3, 4)), 2),
        "r4": np.round(rs.standard_normal((2, 3, 2, 3)), 1),       # ties are likely
        "i3": rs.randint(-5, 6, size=(3, 2, 4)).astype(np.int64),
    }
    arrays["f3"] = arrays["r3"].astype(np.float32)
    arrays["f4"] = arrays["r4"].astype(np.float32)
    for name, x in arrays.items():
        lines.append(header("input", id=name))
        lines.append(arr("x", x))
        for axes in [None] + list(subsets(x.ndim)):
            ax = "all" if axes is None else (",".join(str(a) for a in axes) if axes else "none")
            for keep in (False, True):
                kinds = {"sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min}
                for kname, f in kinds.items():
                    if axes is not None and len(axes) == 0 and kname in ("max", "min", "mean", "sum"):
                        r = f(x, axis=(), keepdims=keep)
                    else:
                        r = f(x, axis=axes, keepdims=keep)
                    lines.append(header("reduce", id=name, op=kname, axes=ax, keepdims=str(keep).lower()))
                    lines.append(arr("r", np.asarray(r)))
                if x.dtype != np.int64 and (axes is None or len(axes) > 0):
                    lines.append(header("reduce", id=name, op="logsumexp", axes=ax, keepdims=str(keep).lower()))
                    lines.append(arr("r", np.asarray(lse(x, axes, keep))))
        for axis in [None] + list(range(x.ndim)):
            for kname, f in (("argmax", np.argmax), ("argmin", np.argmin)):
                lines.append(header("arg", id=name, op=kname, axis="all" if axis is None else axis))
                lines.append(arr("r", np.asarray(f(x, axis=axis), dtype=np.int64)))
    # NaN and infinities
    special = np.array([[1.0, np.nan, 3.0, np.nan], [-np.inf, -np.inf, -np.inf, -np.inf],
                        [2.0, np.inf, 1.0, 0.5]])
    lines.append(header("input", id="special"))
    lines.append(arr("x", special))
    for axis in (None, 0, 1):
        ax = "all" if axis is None else str(axis)
        for kname, f in (("sum", np.sum), ("max", np.max), ("min", np.min)):
            lines.append(header("reduce", id="special", op=kname, axes=ax, keepdims="false"))
            lines.append(arr("r", np.asarray(f(special, axis=axis))))
        with np.errstate(invalid="ignore"):
            lines.append(header("reduce", id="special", op="logsumexp", axes=ax, keepdims="false"))
            lines.append(arr("r", np.asarray(lse(special, axis, False))))
        for kname, f in (("argmax", np.argmax), ("argmin", np.argmin)):
            lines.append(header("arg", id="special", op=kname, axis=ax))
            lines.append(arr("r", np.asarray(f(special, axis=axis), dtype=np.int64)))
    # a float32 sum long enough to show the summation order (values from a formula the test repeats)
    n = 1_000_000
    v = (((np.arange(n, dtype=np.int64) * 7919) % 1000) / 1000.0 + 0.1).astype(np.float32)
    lines.append(header("sum32", n=n))
    lines.append(arr("r", np.asarray(np.sum(v), dtype=np.float32)))
    lines.append(arr("exact", np.asarray(np.sum(v.astype(np.float64)))))
    write("reduce.txt", lines)


# --------------------------------------------------------------------------- sumTo
def sum_to_cases():
    rs = np.random.RandomState(3)
    lines = []
    cases = [((2, 3), (3,)), ((2, 3), (1, 3)), ((2, 3), (2, 1)), ((2, 3), (1, 1)), ((2, 3), ()),
             ((2, 3, 4), (3, 1)), ((2, 3, 4), (4,)), ((2, 3, 4), (1, 3, 4)), ((2, 3, 4), (2, 1, 4)),
             ((4, 1, 3), (1, 3)), ((4, 1, 3), (1, 1, 1)), ((2, 2, 3, 2), (2, 1, 2)), ((5,), (1,)), ((5,), ())]
    for s, t in cases:
        x = np.round(rs.standard_normal(s), 3)
        lead = len(s) - len(t)
        axes = tuple(range(lead)) + tuple(i + lead for i, d in enumerate(t) if d == 1)
        y = x.sum(axis=axes, keepdims=True)
        if lead > 0:
            y = y.squeeze(axis=tuple(range(lead)))
        lines.append(header("sumto", target=shape_str(t)))
        lines.append(arr("x", x))
        lines.append(arr("r", y))
    for s, t in [((2, 3), (2,)), ((2, 3), (4, 3)), ((3,), (2, 3)), ((2, 3), (3, 2))]:
        lines.append(header("sumto", target=shape_str(t)))
        lines.append(arr("x", np.zeros(s)))
        lines.append("err sumTo: cannot sum shape %s to %s" % (pyshape(s), pyshape(t)))
    write("sumto.txt", lines)


# --------------------------------------------------------------------------- unary, comparisons, where, clip
def unary():
    lines = []
    x = np.array([-3.5, -1.0, -0.25, 0.0, 0.3, 1.0, 2.5, 7.0, 20.0, -20.0, 1e-8, 0.5], dtype=np.float64)
    pos = np.array([1e-300, 1e-5, 0.1, 0.5, 1.0, 2.0, 10.0, 123.456, 1e10, 1e300])
    ints = np.array([-7, -1, 0, 1, 3, 12], dtype=np.int64)
    ops = {"neg": np.negative, "exp": np.exp, "sin": np.sin, "cos": np.cos, "tanh": np.tanh,
           "abs": np.abs, "sign": np.sign, "square": np.square}
    for dt in (np.float64, np.float32):
        xs = x.astype(dt)
        for name, f in ops.items():
            lines.append(header("unary", op=name))
            lines.append(arr("x", xs))
            lines.append(arr("r", f(xs)))
        for name, f in (("log", np.log), ("sqrt", np.sqrt)):
            lines.append(header("unary", op=name))
            lines.append(arr("x", pos.astype(dt)))
            lines.append(arr("r", f(pos.astype(dt))))
    for name, f in list(ops.items()) + [("log", np.log), ("sqrt", np.sqrt)]:
        xi = np.abs(ints) + 1 if name in ("log", "sqrt") else ints
        lines.append(header("unary", op=name))
        lines.append(arr("x", xi))
        lines.append(arr("r", f(xi)))
    write("unary.txt", lines)


def misc():
    rs = np.random.RandomState(4)
    lines = []
    a = np.array([[1.0, np.nan, 3.0], [-1.0, 2.0, np.inf]])
    b = np.array([2.0, 1.0, np.nan])
    for name, f in (("maximum", np.maximum), ("minimum", np.minimum)):
        lines.append(header("binary", op=name))
        lines.append(arr("a", a))
        lines.append(arr("b", b))
        lines.append(arr("r", f(a, b)))
    # comparisons: masks in the promoted dtype
    x = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
    y = np.array([2.0, 2.0, 2.0])
    for name, f in (("eq", np.equal), ("gt", np.greater), ("ge", np.greater_equal), ("lt", np.less),
                    ("le", np.less_equal)):
        lines.append(header("binary", op=name))
        lines.append(arr("a", x))
        lines.append(arr("b", y))
        lines.append(arr("r", f(x, y).astype(np.float64)))
        lines.append(header("binary", op=name))
        lines.append(arr("a", x.astype(np.int64)))
        lines.append(arr("b", y.astype(np.int64)))
        lines.append(arr("r", f(x, y).astype(np.int64)))
    # int64 arithmetic
    ia = np.array([[7, -7, 3], [0, 5, -2]], dtype=np.int64)
    ib = np.array([2, 3, 1], dtype=np.int64)
    for name, f in (("add", np.add), ("sub", np.subtract), ("mul", np.multiply), ("div", np.true_divide),
                    ("pow", np.power), ("maximum", np.maximum), ("minimum", np.minimum)):
        lines.append(header("binary", op=name))
        lines.append(arr("a", ia))
        lines.append(arr("b", ib))
        lines.append(arr("r", f(ia, ib)))
    # where
    m = np.array([[1.0, 0.0, 2.0], [0.0, np.nan, 0.0]])
    wa = np.round(rs.standard_normal((2, 3)), 3)
    wb = np.round(rs.standard_normal((3,)), 3)
    lines.append(header("where"))
    lines.append(arr("m", m))
    lines.append(arr("a", wa))
    lines.append(arr("b", wb))
    lines.append(arr("r", np.where(m != 0, wa, wb)))
    m2 = np.array([[1], [0]], dtype=np.int64)
    wa2 = np.round(rs.standard_normal((1, 4)), 3).astype(np.float32)
    wb2 = np.array(0.5, dtype=np.float32)
    lines.append(header("where"))
    lines.append(arr("m", m2))
    lines.append(arr("a", wa2))
    lines.append(arr("b", wb2))
    lines.append(arr("r", np.where(m2 != 0, wa2, wb2)))
    # clip
    c = np.array([-2.0, -0.5, 0.0, 0.7, 1.5, np.nan, np.inf])
    lines.append(header("clip", lo=-1.0, hi=1.0))
    lines.append(arr("x", c))
    lines.append(arr("r", np.clip(c, -1.0, 1.0)))
    lines.append(header("clip", lo=0.25, hi=0.5))
    lines.append(arr("x", c.astype(np.float32)))
    lines.append(arr("r", np.clip(c.astype(np.float32), 0.25, 0.5)))
    # scalar ops on float32 stay float32 (the scalar rounded to float32 first)
    f = np.array([1.0, 2.5, -3.0], dtype=np.float32)
    for name, fn in (("add", np.add), ("sub", np.subtract), ("mul", np.multiply), ("div", np.divide),
                     ("pow", np.power)):
        for s in (0.1, 2.0, 0.5, -1.0, 3.0):
            if name == "pow" and s not in (2.0, 0.5, 3.0):
                continue
            lines.append(header("scalar", op=name, s=repr(s)))
            lines.append(arr("a", np.abs(f) if name == "pow" else f))
            lines.append(arr("r", fn(np.abs(f) if name == "pow" else f, s)))
    write("misc.txt", lines)


if __name__ == "__main__":
    np.seterr(all="ignore")
    os.makedirs(OUT, exist_ok=True)
    broadcasting()
    reductions()
    sum_to_cases()
    unary()
    misc()
