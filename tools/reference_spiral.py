"""Reference numbers for dezero-examples' spiral tests: the book's step 48 in plain NumPy.

MLP 2-10-3 (sigmoid), softmax cross entropy (mean), SGD lr 1.0, batch 30, 300 epochs, on DeZero's
spiral (get_spiral(train=True)); every random number from NumPy's global legacy stream in DeZero's
order: the spiral (seed 1984), then per epoch one permutation(300), the weights drawn at the first
forward pass (W = randn(in, out) * sqrt(1 / in), b = 0) after the first permutation.

    python3 tools/reference_spiral.py float64   # parameters in float64
    python3 tools/reference_spiral.py float32   # parameters in float32 (DeZero's default dtype)

Prints the mean loss of epochs 1, 2, 10 and 300 and the final accuracy on the training set.
"""
import math
import sys

import numpy as np


def spiral():
    np.random.seed(1984)
    n, classes = 100, 3
    x = np.zeros((n * classes, 2), dtype=np.float32)
    t = np.zeros(n * classes, dtype=np.int64)
    for j in range(classes):
        for i in range(n):
            rate = i / n
            theta = j * 4.0 + 4.0 * rate + np.random.randn() * 0.2
            x[n * j + i] = np.array([rate * np.sin(theta), rate * np.cos(theta)])
            t[n * j + i] = j
    perm = np.random.permutation(n * classes)
    return x[perm], t[perm]


def main(dtype):
    dt = np.float64 if dtype == "float64" else np.float32
    x, t = spiral()
    x = x.astype(dt)
    n, batch, lr = len(x), 30, dt(1.0)
    params = None
    losses = []
    for epoch in range(300):
        index = np.random.permutation(n)
        total = 0.0
        for i in range(math.ceil(n / batch)):
            bi = index[i * batch:(i + 1) * batch]
            bx, bt = x[bi], t[bi]
            if params is None:
                w0 = (np.random.randn(2, 10).astype(dt) * dt(np.sqrt(1 / 2))).astype(dt)
                w1 = (np.random.randn(10, 3).astype(dt) * dt(np.sqrt(1 / 10))).astype(dt)
                params = [w0, np.zeros(10, dt), w1, np.zeros(3, dt)]
            w0, b0, w1, b1 = params
            a = bx @ w0 + b0
            h = 1 / (1 + np.exp(-a))
            y = h @ w1 + b1
            m = y.max(axis=1, keepdims=True)
            lse = m + np.log(np.exp(y - m).sum(axis=1, keepdims=True))
            logp = y - lse
            k = len(bt)
            loss = -logp[np.arange(k), bt].sum() / k
            gy = np.exp(logp)
            gy[np.arange(k), bt] -= 1
            gy /= k
            gw1, gb1 = h.T @ gy, gy.sum(axis=0)
            gh = gy @ w1.T
            ga = gh * h * (1 - h)
            gw0, gb0 = bx.T @ ga, ga.sum(axis=0)
            params = [p - lr * g for p, g in zip(params, [gw0, gb0, gw1, gb1])]
            total += float(loss) * k
        losses.append(total / n)
    w0, b0, w1, b1 = params
    y = (1 / (1 + np.exp(-(x @ w0 + b0)))) @ w1 + b1
    acc = float((y.argmax(axis=1) == t).mean())
    for e in (1, 2, 10, 300):
        print("epoch %d loss %r" % (e, losses[e - 1]))
    print("accuracy %r" % acc)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "float64")
