#!/usr/bin/env python3
"""Writes the fixtures of dezero.ndarray.RandomState: NumPy's legacy RandomState streams.

Usage: python3 tools/fixtures_random.py   (NumPy 2.x, mpmath; run from the repository root)

Output: dezero-core/src/test/resources/fixtures/random/{streams,workloads}.txt, line based:

    seed S                     new RandomState(S)
    global_seed S              RandomState.seed(S), then ops on RandomState.global()
    OP ARGS : VALUES           one call and NumPy's result (doubles as Python repr, exact)
    cr I V                     after a Gaussian op: element I is V in the Java stream, where
                               NumPy differs because glibc's log is not correctly rounded
    OP ARGS : SHA [VALUES]     (ops ending in _sha) SHA-256 of NumPy's float64/int64 result
                               (little-endian bytes), then its first values
    crx I NUMPY V              after a _sha op: element I is V in Java, NUMPY in NumPy

Gaussian draws: NumPy's legacy polar method computes f = sqrt(-2 log(r2) / r2) with the C
library's log; the Java port uses a correctly rounded log. This script replays every Gaussian
draw from NumPy's own uniform stream twice, with math.log (glibc; must reproduce NumPy bit for
bit, which is checked) and with a correctly rounded log (mpmath), and records where they differ.
"""
import hashlib
import math
import os
import sys

import mpmath
import numpy as np

mpmath.mp.prec = 256
OUT = os.path.join("dezero-core", "src", "test", "resources", "fixtures", "random")


def cr_log(x):
    return float(mpmath.log(mpmath.mpf(x)))


class Model:
    """A NumPy RandomState plus a replica of its stream that tracks the Gaussian cache twice."""

    def __init__(self, rs, raw):
        self.np = rs          # the RandomState under test (NumPy's own results)
        self.raw = raw        # same state; only used for uniform draws and non-Gaussian ops
        self.glibc_cache = None
        self.cr_cache = None

    @staticmethod
    def seeded(seed):
        return Model(np.random.RandomState(seed), np.random.RandomState(seed))

    def gauss(self, n):
        """Replays n legacy Gaussian draws on self.raw: (glibc values, correctly rounded values)."""
        g, c = [], []
        if n > 0 and self.glibc_cache is not None:
            g.append(self.glibc_cache)
            c.append(self.cr_cache)
            self.glibc_cache = self.cr_cache = None
        pairs = (n - len(g) + 1) // 2
        state = self.raw.get_state()
        accepted, used = [], 0
        while len(accepted) < pairs:
            chunk = max(64, 3 * (pairs - len(accepted)))
            u = self.raw.random_sample(2 * chunk)
            x1 = 2.0 * u[0::2] - 1.0
            x2 = 2.0 * u[1::2] - 1.0
            r2 = x1 * x1 + x2 * x2
            for k in range(chunk):
                used += 2
                if r2[k] < 1.0 and r2[k] != 0.0:
                    accepted.append((float(x1[k]), float(x2[k]), float(r2[k])))
                    if len(accepted) == pairs:
                        break
        self.raw.set_state(state)
        self.raw.random_sample(used)
        for x1, x2, r2 in accepted:
            fg = math.sqrt(-2.0 * math.log(r2) / r2)
            fc = math.sqrt(-2.0 * cr_log(r2) / r2)
            g += [fg * x2, fg * x1]
            c += [fc * x2, fc * x1]
        if len(g) > n:
            self.glibc_cache, self.cr_cache = g.pop(), c.pop()
        return np.array(g), np.array(c)


def fmt(v):
    return repr(float(v)) if isinstance(v, (float, np.floating)) else str(int(v))


def line(out, op, args, values):
    out.append("%s %s : %s" % (op, " ".join(str(a) for a in args), " ".join(fmt(v) for v in values)))


def check_same(name, a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype or not np.array_equal(a, b):
        sys.exit("replica differs from NumPy in " + name)


def gauss_op(out, m, op, args, numpy_values, loc=0.0, scale=1.0):
    n = numpy_values.size
    g, c = m.gauss(n)
    g, c = loc + scale * g, loc + scale * c
    check_same(op, g, numpy_values.ravel())
    line(out, op, args, numpy_values.ravel())
    for i in np.flatnonzero(g != c):
        out.append("cr %d %s" % (i, fmt(c[i])))
    return int(np.count_nonzero(g != c))


def gauss_sha(out, m, op, shape, numpy_values, head=6):
    g, c = m.gauss(numpy_values.size)
    check_same(op, g, numpy_values.ravel())
    digest = hashlib.sha256(numpy_values.astype("<f8").tobytes()).hexdigest()
    line(out, op, list(shape), [])
    out[-1] += digest + " " + " ".join(fmt(v) for v in numpy_values.ravel()[:head])
    diff = np.flatnonzero(g != c)
    for i in diff:
        out.append("crx %d %s %s" % (i, fmt(g[i]), fmt(c[i])))
    return len(diff)


def both(m, name, *args, **kw):
    a = getattr(m.np, name)(*args, **kw)
    b = getattr(m.raw, name)(*args, **kw)
    check_same(name, a, b)
    return a


def streams():
    out = ["# NumPy %s legacy RandomState streams; written by tools/fixtures_random.py" % np.__version__]
    overrides = 0
    for seed in [0, 1, 42, 1984, 2**32 - 1]:
        m = Model.seeded(seed)
        out.append("seed %d" % seed)
        line(out, "rand", [7], both(m, "rand", 7))
        overrides += gauss_op(out, m, "randn", [5], m.np.randn(5))          # odd: leaves a cached value
        line(out, "rand", [3], both(m, "rand", 3))                           # the cache survives
        overrides += gauss_op(out, m, "randn", [2, 3], m.np.randn(2, 3))
        line(out, "rand", [], [both(m, "rand")])                             # 0-d
        overrides += gauss_op(out, m, "randn", [], np.array(m.np.randn()))
        line(out, "uniform", [-2.0, 3.5, 6], both(m, "uniform", -2.0, 3.5, 6))
        line(out, "uniform", [5.0, -1.25, 3], both(m, "uniform", 5.0, -1.25, 3))
        overrides += gauss_op(out, m, "normal", [1.5, 0.25, 5], m.np.normal(1.5, 0.25, 5), 1.5, 0.25)
        overrides += gauss_op(out, m, "standard_normal", [4], m.np.standard_normal(4))
        for lo, hi, n in [(0, 10, 20), (0, 16, 12), (0, 17, 12), (7, 8, 3), (-5, 5, 10),
                          (0, 2**31 + 1, 6), (0, 2**32, 5), (0, 2**32 + 5, 8), (-3, 2**33, 6),
                          (-2**62, 2**62, 5), (-2**63, 2**63 - 1, 5), (100, 1000, 10)]:
            line(out, "randint", [lo, hi, n], both(m, "randint", lo, hi, n))
        for n in [0, 1, 2, 3, 10, 100, 1000]:
            line(out, "permutation", [n], both(m, "permutation", n))
        a = np.arange(10) * 1.5
        b = a.copy()
        m.np.shuffle(a)
        m.raw.shuffle(b)
        check_same("shuffle", a, b)
        line(out, "shuffle", [10], a)
        grid = np.arange(12.0).reshape(4, 3)
        line(out, "permutation_rows", [4, 3], both(m, "permutation", grid).ravel())
        line(out, "choice", [10, 5, "true", "-"], both(m, "choice", 10, 5, True))
        line(out, "choice", [10, 5, "false", "-"], both(m, "choice", 10, 5, False))
        p = [0.1, 0.2, 0.3, 0.0, 0.4]
        ptxt = ",".join(repr(v) for v in p)
        line(out, "choice", [5, 8, "true", ptxt], both(m, "choice", 5, 8, True, p))
        line(out, "choice", [5, 4, "false", ptxt], both(m, "choice", 5, 4, False, p))
        q = [0.5, 0.25, 0.125, 0.0625, 0.03125, 0.03125]
        qtxt = ",".join(repr(v) for v in q)
        line(out, "choice", [6, 6, "false", qtxt], both(m, "choice", 6, 6, False, q))
        overrides += gauss_op(out, m, "randn", [3], m.np.randn(3))          # stream still aligned
    # init_by_array seeding
    for key in [[1, 2, 3], [0], [2**32 - 1, 0, 12345], list(range(700))]:
        out.append("seed_array %s" % ",".join(str(k) for k in key))
        m = Model.seeded(key)
        line(out, "rand", [4], both(m, "rand", 4))
        overrides += gauss_op(out, m, "randn", [3], m.np.randn(3))
        line(out, "randint", [0, 1000, 4], both(m, "randint", 0, 1000, 4))
    print("streams: %d Gaussian draws differ from NumPy (glibc log)" % overrides)
    return out


def log_cases():
    """Arguments and their correctly rounded logarithms, the hardest to round first."""
    rs = np.random.RandomState(2024)
    n = 200000
    x1 = 2 * rs.random_sample(n) - 1
    x2 = 2 * rs.random_sample(n) - 1
    r2 = x1 * x1 + x2 * x2
    pool = r2[(r2 < 1) & (r2 > 0)].tolist()
    pool += (2.0 ** rs.uniform(-1074, 1024, n // 4)).tolist()
    pool += (1 + rs.uniform(-2**-9, 2**-9, n // 8)).tolist()
    pool = [v for v in pool if 0 < v < math.inf and v != 1]
    scored = []
    for v in pool:
        t = mpmath.log(mpmath.mpf(v))
        d = float(t)
        gap = math.ulp(d) if (t - d >= 0) == (d > 0) else abs(d - math.nextafter(d, 0.0))
        dist = abs(0.5 - abs(float((t - d) / gap)))
        scored.append((dist, v, d))
    scored.sort()
    chosen = scored[:600] + scored[600::400]
    fixed = [5e-324, 1e-310, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 2.0, 3.0,
             1 - 2**-53, 1 + 2**-52, 1 - 2**-30, 1 + 2**-30, math.sqrt(2), math.sqrt(0.5),
             1 + 1 / 512, 1 - 1 / 512, 1 + 3 / 512, 0.1, 10.0, 1e-100, 1e300]
    chosen += [(None, v, float(mpmath.log(mpmath.mpf(v)))) for v in fixed]
    out = ["# x  ln(x) correctly rounded (mpmath, 256 bits)  glibc log(x); hex bit patterns of doubles",
           "# the first 600 are the arguments of a random sample whose logarithm lies nearest a midpoint"]
    bits = lambda d: np.array([d]).view(np.uint64)[0]
    glibc_wrong = 0
    for _, v, d in chosen:
        g = math.log(v)
        glibc_wrong += g != d
        out.append("%016x %016x %016x" % (bits(v), bits(d), bits(g)))
    print("log cases: %d, glibc rounds %d of them differently" % (len(chosen), glibc_wrong))
    return out


def workloads():
    out = ["# Draws of the benchmark workloads (../shared/bench/WORKLOADS.md), NumPy %s" % np.__version__]
    n_over = 0

    # W2 gemm: A, B = standard_normal((N, N)), N = 256, seed 0
    out.append("# W2")
    m = Model.seeded(0)
    out.append("seed 0")
    for _ in range(2):
        n_over += gauss_sha(out, m, "standard_normal_sha", (256, 256), m.np.standard_normal((256, 256)))

    # W4 mlp_step: W1 (784, 1000), W2 (1000, 10) raw draws (DeZero init scales them), X, t
    out.append("# W4")
    m = Model.seeded(0)
    out.append("seed 0")
    n_over += gauss_sha(out, m, "standard_normal_sha", (784, 1000), m.np.standard_normal((784, 1000)))
    n_over += gauss_sha(out, m, "standard_normal_sha", (1000, 10), m.np.standard_normal((1000, 10)))
    n_over += gauss_sha(out, m, "standard_normal_sha", (100, 784), m.np.standard_normal((100, 784)))
    line(out, "randint", [0, 10, 100], both(m, "randint", 0, 10, size=100))

    # W5 spiral data: np.random.seed(1984), 300 single randn() draws, then permutation(300)
    out.append("# W5 data")
    np.random.seed(1984)
    m = Model(np.random.mtrand._rand, np.random.RandomState(1984))
    out.append("global_seed 1984")
    draws = np.array([np.random.randn() for _ in range(300)])
    g, c = m.gauss(300)
    check_same("spiral randn", g, draws)
    line(out, "randn_scalars", [300], draws)
    for i in np.flatnonzero(g != c):
        out.append("cr %d %s" % (i, fmt(c[i])))
        n_over += 1
    line(out, "permutation", [300], both(m, "permutation", 300))
    # W5 weights and the 300 epoch permutations, seed 0
    out.append("# W5 weights")
    m = Model.seeded(0)
    out.append("seed 0")
    n_over += gauss_op(out, m, "standard_normal", [2, 10], m.np.standard_normal((2, 10)))
    n_over += gauss_op(out, m, "standard_normal", [10, 3], m.np.standard_normal((10, 3)))
    perms = [both(m, "permutation", 300) for _ in range(300)]
    digest = hashlib.sha256(np.concatenate(perms).astype("<i8").tobytes()).hexdigest()
    out.append("permutations_sha 300 300 : %s %s" % (digest, " ".join(str(v) for v in perms[-1][:6])))

    # W6 conv_step
    out.append("# W6")
    m = Model.seeded(0)
    out.append("seed 0")
    for shape in [(16, 1, 3, 3), (32, 16, 3, 3), (1568, 10), (32, 1, 28, 28)]:
        n_over += gauss_sha(out, m, "standard_normal_sha", shape, m.np.standard_normal(shape))
    line(out, "randint", [0, 10, 32], both(m, "randint", 0, 10, size=32))

    # W7 lstm_step: noise, then Wx (1, 100) x4, Wh (100, 100) x4, Wfc (100, 1)
    out.append("# W7")
    m = Model.seeded(0)
    out.append("seed 0")
    noise = both(m, "uniform", -0.05, 0.05, size=1000)
    digest = hashlib.sha256(noise.astype("<f8").tobytes()).hexdigest()
    out.append("uniform_sha -0.05 0.05 1000 : %s %s" % (digest, " ".join(fmt(v) for v in noise[:6])))
    for shape in [(1, 100)] * 4 + [(100, 100)] * 4 + [(100, 1)]:
        n_over += gauss_sha(out, m, "standard_normal_sha", shape, m.np.standard_normal(shape))
    print("workloads: %d Gaussian draws differ from NumPy (glibc log)" % n_over)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, lines in [("streams.txt", streams()), ("workloads.txt", workloads()), ("log.txt", log_cases())]:
        with open(os.path.join(OUT, name), "w") as f:
            f.write("\n".join(lines) + "\n")
        print("wrote", os.path.join(OUT, name))


if __name__ == "__main__":
    main()
