#!/usr/bin/env python3
"""Writes the NumPy fixtures of the dezero.data tests into dezero-core/src/test/resources/fixtures/data/.

Run from the repository root: python3 tools/fixtures_data.py
Each fixture is a small text file:
    dtype <float32|float64|int64>
    shape <d0> <d1> ...
    one value per line (floats as Python's shortest round-trip repr, so they parse back exactly)
The datasets are re-implemented here with NumPy's legacy RandomState streams, from DeZero's
documented behaviour (get_spiral, SinCurve, DataLoader's per-epoch permutations).
"""
import gzip
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dezero-core", "src", "test", "resources",
                   "fixtures", "data")
DIGITS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dezero-core", "src", "main", "resources",
                      "dezero", "data", "digits.csv.gz")


def write(name, a):
    a = np.asarray(a)
    if a.dtype == np.float32:
        dt, fmt = "float32", lambda v: repr(float(v))
    elif a.dtype == np.float64:
        dt, fmt = "float64", lambda v: repr(float(v))
    else:
        a = a.astype(np.int64)
        dt, fmt = "int64", lambda v: str(int(v))
    with open(os.path.join(OUT, name + ".txt"), "w") as f:
        f.write("dtype " + dt + "\n")
        f.write("shape" + "".join(" " + str(d) for d in a.shape) + "\n")
        for v in a.ravel():
            f.write(fmt(v) + "\n")


def spiral(train):
    """The spiral: reseed the global stream, 3 arms x 100 points, float32 x, int64 t, then permute."""
    np.random.seed(1984 if train else 2020)
    n, classes = 100, 3
    x = np.zeros((n * classes, 2), dtype=np.float32)
    t = np.zeros(n * classes, dtype=np.int64)
    for arm in range(classes):
        for k in range(n):
            r = k / n
            theta = arm * 4.0 + 4.0 * r + np.random.randn() * 0.2
            x[n * arm + k, 0] = r * np.sin(theta)
            x[n * arm + k, 1] = r * np.cos(theta)
            t[n * arm + k] = arm
    order = np.random.permutation(n * classes)
    return x[order], t[order]


def sincurve(train, seed):
    """The sine curve series y (1000,) float64; the noise is drawn for both splits."""
    np.random.seed(seed)
    grid = np.linspace(0, 2 * np.pi, 1000)
    noise = np.random.uniform(-0.05, 0.05, size=grid.shape)
    y = np.sin(grid) + noise if train else np.cos(grid)
    return y.astype(np.float64)


def main():
    os.makedirs(OUT, exist_ok=True)

    for train, split in ((True, "train"), (False, "test")):
        x, t = spiral(train)
        write("spiral_%s_x" % split, x)
        write("spiral_%s_t" % split, t)
        # the global stream continues after the spiral's draws
        write("spiral_%s_next_rand" % split, np.random.rand(4))

    write("sincurve_train_y_seed0", sincurve(True, 0))
    write("sincurve_test_y_seed0", sincurve(False, 0))
    write("sincurve_test_next_rand_seed0", np.random.rand(3))

    # DataLoader: permutations of 10 indices, one per epoch, from the global stream after seed(7),
    # and from a RandomState(42) of the loader's own
    np.random.seed(7)
    write("loader_perms_global_seed7", np.stack([np.random.permutation(10) for _ in range(4)]))
    rs = np.random.RandomState(42)
    write("loader_perms_rs42", np.stack([rs.permutation(10) for _ in range(4)]))

    # Digits: the shipped CSV and its documented split RandomState(0).permutation(1797), 1437 / 360
    with gzip.open(DIGITS, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.int64)
    assert rows.shape == (1797, 65), rows.shape
    pixels, labels = rows[:, :64], rows[:, 64]
    perm = np.random.RandomState(0).permutation(1797)
    train_idx, test_idx = perm[:1437], perm[1437:]
    write("digits_hist_all", np.bincount(labels, minlength=10))
    write("digits_hist_train", np.bincount(labels[train_idx], minlength=10))
    write("digits_hist_test", np.bincount(labels[test_idx], minlength=10))
    write("digits_train_first_x", (pixels[train_idx[0]].astype(np.float32) / np.float32(16)))
    write("digits_train_t_head", labels[train_idx[:25]])
    write("digits_test_t_head", labels[test_idx[:25]])
    write("digits_train_pixel_sum", np.array([pixels[train_idx].sum()]))
    write("digits_test_pixel_sum", np.array([pixels[test_idx].sum()]))


if __name__ == "__main__":
    main()
