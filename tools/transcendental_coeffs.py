#!/usr/bin/env python3
"""Minimax polynomial coefficients for dezero.ndarray.Transcendental (run by hand; needs mpmath).

Each approximated function g is a smooth series on [0, b] or [-b, b]; a Remez exchange finds the
polynomial p of the given degree minimising max |p(t) - g(t)| / |g(t)|, the coefficients are rounded
to doubles, and the script prints them as Java hexadecimal literals with the relative error of the
rounded polynomial (evaluation in exact arithmetic) measured on a fine grid.

  Q2(r) = (e^r - 1 - r) / r^2       r in [-0.3466, 0.3466]   exp (and, degree 6, float32 exp and tanh)
  Q3(r) = (e^r - 1 - r - r^2/2) / r^3                          tanh (expm1 core)
  P(z)  = (2 atanh(s) - 2 s) / s^3  z = s^2 in [0, 0.029438] log (s = f / (2 + f))
  SP(z) = (sin(r) - r) / r^3        z = r^2 in [0, 0.61685]  sin
  CP(z) = (cos(r) - 1 + z/2) / z^2  z = r^2 in [0, 0.61685]  cos

Usage: python3 tools/transcendental_coeffs.py [name degree ...]
"""
import sys

import mpmath as mp

mp.mp.dps = 60


def series(coef, t, terms=60):
    s = mp.mpf(0)
    p = mp.mpf(1)
    for n in range(terms):
        s += coef(n) * p
        p *= t
    return s


FUNCS = {
    # name: (g, a, b)
    "Q2": (lambda r: series(lambda n: 1 / mp.factorial(n + 2), r), mp.mpf("-0.3466"), mp.mpf("0.3466")),
    "Q3": (lambda r: series(lambda n: 1 / mp.factorial(n + 3), r), mp.mpf("-0.3466"), mp.mpf("0.3466")),
    "P": (lambda z: series(lambda n: mp.mpf(2) / (2 * n + 3), z, 40), mp.mpf(0), mp.mpf("0.029438")),
    "SP": (lambda z: series(lambda n: (-1) ** (n + 1) / mp.factorial(2 * n + 3), z), mp.mpf(0), mp.mpf("0.61685")),
    "CP": (lambda z: series(lambda n: (-1) ** n / mp.factorial(2 * n + 4), z), mp.mpf(0), mp.mpf("0.61685")),
}


def poly(c, t):
    s = mp.mpf(0)
    for v in reversed(c):
        s = s * t + v
    return s


def remez(g, a, b, deg, iters=30, grid=3000):
    n = deg + 2
    pts = [(a + b) / 2 - (b - a) / 2 * mp.cos(mp.pi * i / (n - 1)) for i in range(n)]
    xs = [a + (b - a) * i / grid for i in range(grid + 1)]
    gx = [g(x) for x in xs]
    c = None
    for _ in range(iters):
        # p(x_i) - g(x_i) = (-1)^i E g(x_i)
        m = mp.matrix(n, n)
        rhs = mp.matrix(n, 1)
        for i, x in enumerate(pts):
            gi = g(x)
            for j in range(deg + 1):
                m[i, j] = x ** j
            m[i, deg + 1] = -((-1) ** i) * gi
            rhs[i] = gi
        sol = mp.lu_solve(m, rhs)
        c = [sol[j] for j in range(deg + 1)]
        err = [(poly(c, x) - gv) / gv for x, gv in zip(xs, gx)]
        # alternating extrema: split the grid into runs of one sign, keep each run's extremum
        ext = []
        i = 0
        while i < len(xs):
            j = i
            best = i
            while j < len(xs) and (err[j] >= 0) == (err[i] >= 0):
                if abs(err[j]) > abs(err[best]):
                    best = j
                j += 1
            ext.append(best)
            i = j
        while len(ext) > n:
            # drop the smaller end
            if abs(err[ext[0]]) < abs(err[ext[-1]]):
                ext.pop(0)
            else:
                ext.pop()
        if len(ext) < n:
            break
        pts = [xs[k] for k in ext]
    return c


def to_double(v):
    return float(v)


def measured(g, a, b, cd, grid=20000):
    worst = 0
    for i in range(grid + 1):
        x = a + (b - a) * i / grid
        gv = g(x)
        e = abs((poly([mp.mpf(v) for v in cd], x) - gv) / gv)
        worst = max(worst, e)
    return worst


def main(argv):
    jobs = argv or ["Q2", "10", "Q3", "9", "P", "6", "SP", "6", "CP", "5", "Q2", "6", "P", "3", "SP", "3", "CP", "3"]
    for k in range(0, len(jobs), 2):
        name, deg = jobs[k], int(jobs[k + 1])
        g, a, b = FUNCS[name]
        c = remez(g, a, b, deg)
        cd = [to_double(v) for v in c]
        e = measured(g, a, b, cd)
        print(f"// {name} degree {deg} on [{mp.nstr(a, 6)}, {mp.nstr(b, 6)}]: max relative error 2^{mp.nstr(mp.log(e, 2), 4)}")
        for j, v in enumerate(cd):
            print(f"    {name}_{j} = {v.hex()}, // {v!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
