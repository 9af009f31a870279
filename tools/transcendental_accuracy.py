#!/usr/bin/env python3
"""Measures the error of dezero.ndarray.Transcendental in ulps against mpmath (run by hand).

Draws seeded arguments per function (uniform over the whole range, the ranges that matter most,
and the hard places: near multiples of ln2 and pi/2, near 1 for log, subnormal results, the
overflow/saturation thresholds), lets the Java twin TranscendentalDump compute them in float64 and
float32, and prints per function and dtype the largest error in ulps of the exact value and the
share of correctly rounded results.

  ./mvnw -q -B -ntp -pl dezero test-compile
  python3 tools/transcendental_accuracy.py [samples per region, default 20000]
"""
import os
import struct
import subprocess
import sys
import tempfile

import mpmath as mp
import numpy as np

mp.mp.dps = 45
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CP = os.path.join(ROOT, "dezero/target/classes") + os.pathsep + os.path.join(ROOT, "dezero/target/test-classes")


def near(centres, rng, ulps=4):
    """Doubles within a few ulps of each centre."""
    c = np.asarray(centres, dtype=np.float64)
    steps = rng.integers(-ulps, ulps + 1, size=c.shape)
    out = c.copy()
    for i in range(len(c)):
        v = c[i]
        s = steps[i]
        while s > 0:
            v = np.nextafter(v, np.inf)
            s -= 1
        while s < 0:
            v = np.nextafter(v, -np.inf)
            s += 1
        out[i] = v
    return out


def log_uniform(rng, n, lo, hi, signed=False):
    v = np.exp2(rng.uniform(lo, hi, n))
    if signed:
        v *= rng.choice([-1.0, 1.0], n)
    return v


def inputs(fn, n, rng):
    ln2 = float(mp.log(2))
    pio2 = mp.pi / 2
    if fn == "exp":
        k = rng.integers(-1075, 1025, n)
        half = rng.integers(-1075, 1025, n)
        return {
            "uniform [-745.2, 709.8]": rng.uniform(-745.2, 709.8, n),
            "uniform [-1, 1]": rng.uniform(-1, 1, n),
            "near k ln2": near([float(mp.mpf(int(j)) * mp.log(2)) for j in k], rng),
            "near (k+1/2) ln2": near([float((mp.mpf(int(j)) + 0.5) * mp.log(2)) for j in half], rng),
            "subnormal results": rng.uniform(-745.2, -708.3, n),
            "tiny |x|": log_uniform(rng, n, -1074, -1, signed=True),
        }
    if fn == "log":
        return {
            "all positive doubles": log_uniform(rng, n, -1074, 1024),
            "uniform [0.5, 2]": rng.uniform(0.5, 2, n),
            "near 1": 1 + log_uniform(rng, n, -52, -5, signed=True),
            "near sqrt(1/2) 2^e": near([float(mp.sqrt(0.5) * mp.mpf(2) ** int(e)) for e in rng.integers(-1000, 1000, n)], rng),
            "subnormal": log_uniform(rng, n, -1074, -1022),
        }
    if fn == "tanh":
        return {
            "uniform [-20, 20]": rng.uniform(-20, 20, n),
            "uniform [-1, 1]": rng.uniform(-1, 1, n),
            "normal(0, 1)": rng.standard_normal(n),
            "tiny |x|": log_uniform(rng, n, -1074, -1, signed=True),
            "near k ln2 / 2": near([float(mp.mpf(int(j)) * mp.log(2) / 2) for j in rng.integers(-56, 57, n)], rng),
            "[18, 20]": rng.uniform(18, 20, n),
        }
    # sin, cos
    k = rng.integers(-667_000, 667_000, n)
    small = rng.integers(-64, 65, n)
    return {
        "uniform [-10, 10]": rng.uniform(-10, 10, n),
        "uniform [-pi/4, pi/4]": rng.uniform(-0.7853981633974483, 0.7853981633974483, n),
        "uniform [-2^20, 2^20]": rng.uniform(-2.0 ** 20, 2.0 ** 20, n),
        "near k pi/2 (|k| < 64)": near([float(mp.mpf(int(j)) * pio2) for j in small], rng),
        "near k pi/2 (|k| < 667000)": near([float(mp.mpf(int(j)) * pio2) for j in k], rng),
        "near (k+1/2) pi/2": near([float((mp.mpf(int(j)) + 0.5) * pio2) for j in k], rng),
        "tiny |x|": log_uniform(rng, n, -1074, -1, signed=True),
    }


FUNCS = {"exp": mp.exp, "log": mp.log, "tanh": mp.tanh, "sin": mp.sin, "cos": mp.cos}


def ulp_error(y, exact, mant_bits, min_exp):
    """|y - exact| in units of the last place of exact (in the format with mant_bits, min_exp)."""
    max_exp = 1024 if mant_bits == 53 else 128
    if abs(exact) >= mp.ldexp(1, max_exp) * (1 - mp.ldexp(1, -mant_bits - 1)):
        exact = mp.inf if exact > 0 else -mp.inf  # rounds to infinity
    if mp.isinf(exact) or mp.isnan(exact):
        return 0.0 if (np.isinf(y) and (y > 0) == (exact > 0)) else float("inf")
    if exact == 0:
        return 0.0 if y == 0 else float("inf")
    _, e = mp.frexp(exact)  # exact = m 2^e, 0.5 <= |m| < 1
    ulp = mp.ldexp(1, max(int(e) - mant_bits, min_exp))
    if not np.isfinite(y):
        return float("inf")
    return float(abs(mp.mpf(y) - exact) / ulp)


def measure(fn, xs):
    with tempfile.TemporaryDirectory() as d:
        pin = os.path.join(d, "in.bin")
        pout = os.path.join(d, "out.bin")
        xs.astype("<f8").tofile(pin)
        subprocess.run(["java", "-cp", CP, "dezero.ndarray.TranscendentalDump", fn, pin, pout], check=True)
        ys = np.fromfile(pout, dtype="<f8").reshape(-1, 2)
    f = FUNCS[fn]
    worst64 = (0.0, None)
    worst32 = (0.0, None)
    cr64 = cr32 = 0
    for x, (y64, y32) in zip(xs, ys):
        e64 = ulp_error(y64, f(mp.mpf(float(x))), 53, -1074)
        with np.errstate(over="ignore"):
            x32 = float(np.float32(x))
        if np.isfinite(x32):
            exact32 = f(mp.mpf(x32))
            e32 = ulp_error(y32, exact32, 24, -149)
        else:
            e32 = 0.0
        cr64 += e64 <= 0.5
        cr32 += e32 <= 0.5
        if e64 > worst64[0]:
            worst64 = (e64, float(x))
        if e32 > worst32[0]:
            worst32 = (e32, x32)
    return worst64, worst32, cr64, cr32


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = np.random.default_rng(20240601)
    for fn in ["exp", "log", "tanh", "sin", "cos"]:
        overall64 = overall32 = 0.0
        for region, xs in inputs(fn, n, rng).items():
            (w64, x64), (w32, x32), c64, c32 = measure(fn, np.asarray(xs, dtype=np.float64))
            overall64 = max(overall64, w64)
            overall32 = max(overall32, w32)
            print(f"{fn:5s} {region:28s} float64 max {w64:.4f} ulp (at {x64!r}), {100 * c64 / len(xs):.3f}% correctly rounded;"
                  f" float32 max {w32:.4f} ulp (at {x32!r}), {100 * c32 / len(xs):.3f}% c.r.", flush=True)
        print(f"{fn:5s} OVERALL float64 {overall64:.4f} ulp, float32 {overall32:.4f} ulp", flush=True)


if __name__ == "__main__":
    main()
