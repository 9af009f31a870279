#!/usr/bin/env python3
"""NumPy fixtures for dezero.layers, dezero.models and dezero.optimizers (run by hand).

Writes dezero-core/src/test/resources/fixtures/nn/*.npz. The formulas are written out here from the
definitions (DeZero's optimizers, Linear init, LSTM/RNN/BatchNorm, an MLP trained by SGD); the
order of floating-point operations follows DeZero's in-place NumPy updates, so float64 results
are exact references.
"""
import math
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "dezero-core/src/test/resources/fixtures/nn"
OUT.mkdir(parents=True, exist_ok=True)
f32 = np.float32


def optimizers():
    rs = np.random.RandomState(7)
    d = {}
    for dt, tag in ((np.float64, ""), (f32, "f32_")):
        a0 = rs.standard_normal((3, 4)).astype(dt)
        b0 = rs.standard_normal(4).astype(dt)
        ga = [(rs.standard_normal((3, 4)) * 3).astype(dt) for _ in range(3)]
        gb = [(rs.standard_normal(4) * 3).astype(dt) for _ in range(3)]
        d[tag + "a0"], d[tag + "b0"] = a0, b0
        for i in range(3):
            d[tag + "ga%d" % (i + 1)], d[tag + "gb%d" % (i + 1)] = ga[i], gb[i]

        def run(name, step, hook=None):
            ps = [a0.copy(), b0.copy()]
            states = [dict(), dict()]
            for t in range(1, 4):
                gs = [ga[t - 1].copy(), gb[t - 1].copy()]
                if hook is not None:
                    hook(ps, gs)
                for k in range(2):
                    ps[k] = step(ps[k], gs[k], states[k], t)
                d["%s%s/a%d" % (tag, name, t)] = ps[0]
                d["%s%s/b%d" % (tag, name, t)] = ps[1]

        def sgd(lr):
            return lambda p, g, s, t: p - lr * g

        def momentum(lr, mom):
            def f(p, g, s, t):
                v = s.get("v", np.zeros_like(p))
                v = v * mom
                v = v - lr * g
                s["v"] = v
                return p + v
            return f

        def adagrad(lr, eps):
            def f(p, g, s, t):
                h = s.get("h", np.zeros_like(p)) + g * g
                s["h"] = h
                return p - lr * g / (np.sqrt(h) + eps)
            return f

        def adadelta(rho, eps):
            def f(p, g, s, t):
                msg = s.get("msg", np.zeros_like(p))
                msdx = s.get("msdx", np.zeros_like(p))
                msg = msg * rho + (1 - rho) * g * g
                dx = np.sqrt((msdx + eps) / (msg + eps)) * g
                msdx = msdx * rho + (1 - rho) * dx * dx
                s["msg"], s["msdx"] = msg, msdx
                return p - dx
            return f

        def adam(alpha, b1, b2, eps, wd=None):
            def f(p, g, s, t):
                m = s.get("m", np.zeros_like(p))
                v = s.get("v", np.zeros_like(p))
                m = m + (1 - b1) * (g - m)
                v = v + (1 - b2) * (g * g - v)
                s["m"], s["v"] = m, v
                lr = alpha * math.sqrt(1.0 - math.pow(b2, t)) / (1.0 - math.pow(b1, t))
                delta = lr * m / (np.sqrt(v) + eps)
                if wd is not None:
                    return p * (1 - alpha * wd) - delta
                return p - delta
            return f

        def weight_decay(rate):
            def h(ps, gs):
                for k in range(2):
                    gs[k] += rate * ps[k]
            return h

        def clip_grad(max_norm):
            def h(ps, gs):
                total = sum(float((g ** 2).sum()) for g in gs)
                rate = max_norm / (math.sqrt(total) + 1e-6)
                if rate < 1:
                    for k in range(2):
                        gs[k] *= rate
            return h

        run("sgd", sgd(0.1))
        run("momentum", momentum(0.1, 0.9))
        run("adagrad", adagrad(0.5, 1e-8))
        run("adadelta", adadelta(0.95, 1e-6))
        run("adam", adam(0.01, 0.9, 0.999, 1e-8))
        run("adamw", adam(0.01, 0.9, 0.999, 1e-8, wd=0.1))
        run("sgd_weightdecay", sgd(0.1), weight_decay(0.05))
        run("sgd_clipgrad", sgd(0.1), clip_grad(2.0))
    np.savez(OUT / "optimizers.npz", **d)


def linear_init():
    d = {}
    rs = np.random.RandomState(0)
    d["W_f64"] = rs.randn(5, 3) * np.sqrt(1 / 5)
    d["W_f64_next"] = rs.randn(3, 2) * np.sqrt(1 / 3)
    rs = np.random.RandomState(0)
    # DeZero: randn(I, O).astype(float32) * sqrt(1 / I), the product in float32 (NumPy 1.x rules)
    d["W_f32"] = rs.randn(5, 3).astype(f32) * f32(np.sqrt(1 / 5))
    rs = np.random.RandomState(1)
    d["embed_W"] = rs.randn(4, 3)
    np.savez(OUT / "linear_init.npz", **d)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def layers_forward():
    rs = np.random.RandomState(3)
    d = {}
    # RNN: x2h (in 2 -> 3) with bias, h2h (3 -> 3) no bias; three steps
    x = rs.standard_normal((3, 4, 2))  # (steps, N, in)
    wx, bx, wh = rs.standard_normal((2, 3)), rs.standard_normal(3), rs.standard_normal((3, 3))
    d.update(rnn_x=x, rnn_wx=wx, rnn_bx=bx, rnn_wh=wh)
    h = None
    for s in range(3):
        a = x[s] @ wx + bx
        h = np.tanh(a) if h is None else np.tanh(a + h @ wh)
        d["rnn_h%d" % s] = h
    # LSTM: gates f, i, o, u from x (2 -> 3, bias) and h (3 -> 3, no bias)
    gx = {g: (rs.standard_normal((2, 3)), rs.standard_normal(3)) for g in "fiou"}
    gh = {g: rs.standard_normal((3, 3)) for g in "fiou"}
    for g in "fiou":
        d["lstm_x2%s_W" % g], d["lstm_x2%s_b" % g] = gx[g]
        d["lstm_h2%s_W" % g] = gh[g]
    h = c = None
    for s in range(3):
        pre = {g: x[s] @ gx[g][0] + gx[g][1] + (0 if h is None else h @ gh[g]) for g in "fiou"}
        f, i, o, u = sigmoid(pre["f"]), sigmoid(pre["i"]), sigmoid(pre["o"]), np.tanh(pre["u"])
        c = i * u if c is None else f * c + i * u
        h = o * np.tanh(c)
        d["lstm_h%d" % s], d["lstm_c%d" % s] = h, c
    # BatchNorm (N, C) in training mode, two batches, then test mode
    x1, x2 = rs.standard_normal((6, 3)) * 2 + 1, rs.standard_normal((6, 3)) - 1
    gamma, beta = rs.standard_normal(3), rs.standard_normal(3)
    d.update(bn_x1=x1, bn_x2=x2, bn_gamma=gamma, bn_beta=beta)
    mean_r, var_r = np.zeros(3), np.ones(3)
    decay, eps = 0.9, 2e-5
    for k, xb in ((1, x1), (2, x2)):
        mu, var = xb.mean(axis=0), xb.var(axis=0)
        d["bn_y%d" % k] = gamma * (xb - mu) / np.sqrt(var + eps) + beta
        m = xb.shape[0]
        mean_r = decay * mean_r + (1 - decay) * mu
        var_r = decay * var_r + (1 - decay) * var * m / (m - 1)
        d["bn_mean%d" % k], d["bn_var%d" % k] = mean_r, var_r
    d["bn_ytest"] = gamma * (x1 - mean_r) / np.sqrt(var_r + eps) + beta
    np.savez(OUT / "layers_forward.npz", **d)


def mlp_training():
    """MLP 2 -> 4 -> 3 (sigmoid), softmax cross entropy, SGD lr 0.5, 5 steps on one batch."""
    rs = np.random.RandomState(11)
    x = rs.standard_normal((8, 2))
    t = rs.randint(0, 3, size=8).astype(np.int64)
    w1, w2 = rs.standard_normal((2, 4)) * np.sqrt(1 / 2), rs.standard_normal((4, 3)) * np.sqrt(1 / 4)
    b1, b2 = np.zeros(4), np.zeros(3)
    d = dict(x=x, t=t, W1=w1, W2=w2)
    losses = []
    n = len(x)
    for _ in range(5):
        a1 = x @ w1 + b1
        h = sigmoid(a1)
        y = h @ w2 + b2
        m = y.max(axis=1, keepdims=True)
        logz = m + np.log(np.exp(y - m).sum(axis=1, keepdims=True))
        logp = y - logz
        losses.append(-logp[np.arange(n), t].sum() / n)
        p = np.exp(logp)
        gy = p.copy()
        gy[np.arange(n), t] -= 1
        gy /= n
        gw2, gb2 = h.T @ gy, gy.sum(axis=0)
        gh = gy @ w2.T
        ga1 = gh * h * (1 - h)
        gw1, gb1 = x.T @ ga1, ga1.sum(axis=0)
        w1, b1, w2, b2 = w1 - 0.5 * gw1, b1 - 0.5 * gb1, w2 - 0.5 * gw2, b2 - 0.5 * gb2
    d.update(losses=np.array(losses), W1_end=w1, b1_end=b1, W2_end=w2, b2_end=b2)
    np.savez(OUT / "mlp_training.npz", **d)


def dezero_weights():
    """A file as DeZero's save_weights writes it (np.savez_compressed, keys l0/W ...) for MLP((3, 2))."""
    rs = np.random.RandomState(5)
    arrays = {"l0/W": rs.standard_normal((2, 3)).astype(f32), "l0/b": rs.standard_normal(3).astype(f32),
              "l1/W": rs.standard_normal((3, 2)).astype(f32), "l1/b": rs.standard_normal(2).astype(f32)}
    np.savez_compressed(OUT / "dezero_mlp_3_2.npz", **arrays)


def conv():
    """Convolution and pooling by direct loops over the windows (zero padding)."""
    rs = np.random.RandomState(13)
    d = {}

    def padded(x, ph, pw):
        return np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))

    def windows(x, kh, kw, sh, sw, ph, pw):
        xp = padded(x, ph, pw)
        n, c, h, w = xp.shape
        oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
        out = np.zeros((n, c, kh, kw, oh, ow))
        for i in range(oh):
            for j in range(ow):
                out[:, :, :, :, i, j] = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
        return out

    x = rs.standard_normal((2, 3, 7, 6))
    W = rs.standard_normal((4, 3, 3, 2))
    b = rs.standard_normal(4)
    col = windows(x, 3, 2, 2, 1, 1, 0)  # (N, C, KH, KW, OH, OW)
    y = np.einsum("nckl ij,ockl->noij".replace(" ", ""), col, W) + b[None, :, None, None]
    d.update(conv_x=x, conv_W=W, conv_b=b, conv_y=y)
    xs = rs.standard_normal((1, 2, 4, 4))
    cs = windows(xs, 3, 3, 1, 1, 1, 1)
    d.update(im2col_x=xs, im2col_cols=cs,
             im2col_matrix=cs.transpose(0, 4, 5, 1, 2, 3).reshape(1 * 4 * 4, -1))
    xp = rs.standard_normal((2, 2, 5, 5))
    d["pool_x"] = xp
    w1 = windows(xp, 2, 2, 2, 2, 0, 0)
    d["pool_max_k2s2"] = w1.max(axis=(2, 3))
    d["pool_mean_k2s2"] = w1.mean(axis=(2, 3))
    w2 = windows(xp, 3, 3, 2, 2, 1, 1)
    d["pool_max_k3s2p1"] = w2.max(axis=(2, 3))
    d["pool_mean_k3s2p1"] = w2.mean(axis=(2, 3))
    rs = np.random.RandomState(0)
    d["conv2d_init_W_f32"] = rs.randn(4, 3, 3, 2).astype(f32) * f32(np.sqrt(1 / 18))
    np.savez(OUT / "conv.npz", **d)


if __name__ == "__main__":
    optimizers()
    linear_init()
    layers_forward()
    mlp_training()
    dezero_weights()
    conv()
    for p in sorted(OUT.iterdir()):
        print(p.name, p.stat().st_size)
