"""Fixtures for the audit of dezero.functions.F: dropout masks drawn as NumPy draws them, batch
normalization over several training steps (running statistics) and its gradients by the closed-form
backward, embedding gradients with repeated ids (scatter-add), and the numerically delicate cases of
the fused functions (softmax cross entropy, log-softmax, sigmoid, sigmoid cross entropy, binary cross
entropy) computed in closed form.

Writes dezero-core/src/test/resources/fixtures/faudit/<case>.txt in the text format of
tools/fixtures_autodiff.py: a header line `<name> <dtype> <dim>...` followed by one line of values in
C order. float32 results are stored as the float64 numbers they are (exactly). Run from the
repository root: python3 tools/fixtures_faudit.py
"""
import os
import numpy as np

OUT = os.path.join("dezero-core", "src", "test", "resources", "fixtures", "faudit")


def write(case, **arrays):
    lines = []
    for name, a in arrays.items():
        a = np.asarray(a)
        if a.dtype == np.float32:
            a = a.astype(np.float64)
        dt = {"float64": "float64", "int64": "int64", "bool": "int64"}[str(a.dtype)]
        lines.append(" ".join([name, dt] + [str(d) for d in a.shape]))
        if dt == "float64":
            lines.append(" ".join(repr(float(v)) for v in a.ravel()))
        else:
            lines.append(" ".join(str(int(v)) for v in a.ravel()))
    with open(os.path.join(OUT, case + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


os.makedirs(OUT, exist_ok=True)
rs = np.random.RandomState(2024)

# ---------------------------------------------------------------- dropout
# The mask is np.random.rand(*x.shape) > ratio, drawn from a state seeded with `seed`; kept elements
# are divided by (1 - ratio) in x's dtype (inverted dropout).
drop = {}
for k, (seed, ratio, shape) in enumerate([(0, 0.3, (3, 4)), (7, 0.5, (2, 3, 5)), (1984, 0.1, (4, 6))]):
    x = rs.randn(*shape)
    mask = np.random.RandomState(seed).rand(*shape) > ratio
    y = x * mask / np.array(1.0 - ratio)
    x32 = x.astype(np.float32)
    y32 = x32 * mask / np.array(1.0 - ratio).astype(np.float32)
    drop.update({f"x{k}": x, f"mask{k}": mask, f"y{k}": y, f"y32_{k}": y32,
                 f"meta{k}": np.array([seed, int(round(ratio * 10))], dtype=np.int64)})
# a large array: the kept fraction of 100,000 draws at ratio 0.3 (seed 5)
big = np.random.RandomState(5).rand(100000) > 0.3
drop["big_kept"] = np.array(int(big.sum()), dtype=np.int64)
write("dropout", **drop)


# ---------------------------------------------------------------- batch norm
def bn_train(x, gamma, beta, mean, var, decay, eps):
    """DeZero's training forward on (M, C) rows: y, the new running statistics, xc and inv_std."""
    mu = x.mean(axis=0)
    va = x.var(axis=0)
    inv_std = 1 / np.sqrt(va + eps)
    xc = (x - mu) * inv_std
    m = x.size // gamma.size
    s = m - 1.0 if m - 1.0 > 1.0 else 1.0
    adjust = m / s
    return gamma * xc + beta, decay * mean + (1 - decay) * mu, decay * var + (1 - decay) * adjust * va, xc, inv_std


def bn_backward_train(gy, xc, inv_std, gamma):
    """The closed-form training backward (batch statistics depend on x)."""
    n = gy.shape[0]
    gbeta = gy.sum(axis=0)
    ggamma = (xc * gy).sum(axis=0)
    gx = (gy - gbeta / n - xc * ggamma / n) * gamma * inv_std
    return gx, ggamma, gbeta


def to_rows(x4):
    c = x4.shape[1]
    return x4.transpose(0, 2, 3, 1).reshape(-1, c)


def from_rows(r, shape):
    n, c, h, w = shape
    return r.reshape(n, h, w, c).transpose(0, 3, 1, 2)


decay, eps = 0.9, 2e-5
gamma = rs.randn(3)
beta = rs.randn(3)
mean = np.zeros(3)
var = np.ones(3)
bn = {"gamma": gamma, "beta": beta}
for step in range(3):
    x = rs.randn(6, 3) * (step + 1) + step
    y, mean, var, xc, inv_std = bn_train(x, gamma, beta, mean, var, decay, eps)
    bn.update({f"x{step}": x, f"y{step}": y, f"mean{step}": mean, f"var{step}": var})
    if step == 0:
        gy = rs.randn(6, 3)
        gx, ggamma, gbeta = bn_backward_train(gy, xc, inv_std, gamma)
        bn.update({"gy": gy, "gx": gx, "ggamma": ggamma, "gbeta": gbeta})
# test mode with the running statistics of three steps; its gradients
xt = rs.randn(4, 3)
inv_std_t = 1 / np.sqrt(var + eps)
xct = (xt - mean) * inv_std_t
gyt = rs.randn(4, 3)
bn.update({"xt": xt, "yt": gamma * xct + beta, "gyt": gyt, "gxt": gyt * gamma * inv_std_t,
           "ggammat": (gyt * xct).sum(axis=0), "gbetat": gyt.sum(axis=0)})
# 4-d, one training step from fresh statistics, and its gradients
x4 = rs.randn(2, 3, 2, 3)
y4r, m4, v4, xc4, inv4 = bn_train(to_rows(x4), gamma, beta, np.zeros(3), np.ones(3), decay, eps)
gy4 = rs.randn(2, 3, 2, 3)
gx4r, gg4, gb4 = bn_backward_train(to_rows(gy4), xc4, inv4, gamma)
bn.update({"x4": x4, "y4": from_rows(y4r, x4.shape), "mean4": m4, "var4": v4, "gy4": gy4,
           "gx4": from_rows(gx4r, x4.shape), "ggamma4": gg4, "gbeta4": gb4})
write("batch_norm_steps", **bn)

# ---------------------------------------------------------------- embedding with repeated ids
w = rs.randn(5, 3)
ids = np.array([[4, 1, 4, 0], [1, 4, 2, 1]], dtype=np.int64)
r = rs.randn(2, 4, 3)
gw = np.zeros_like(w)
np.add.at(gw, ids, r)
write("embed_id", w=w, ids=ids, y=w[ids], r=r, gw=gw)


# ---------------------------------------------------------------- fused functions at extreme inputs
def logsumexp(x, axis):
    m = x.max(axis=axis, keepdims=True)
    return m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


xs = np.array([[1000.0, -1000.0, 0.0, 3.0],
               [-1000.0, 1000.0, 999.0, 1000.0],
               [1e4, -1e4, 0.0, 1e4 - 2],
               [-1000.0, -1000.0, -1000.0, -1000.0],
               [1000.0, 1000.0, 1000.0, 1000.0],
               [0.5, -0.25, 2.0, 1.0]])
ts = np.array([1, 2, 3, 0, 3, 2], dtype=np.int64)
n = len(xs)
logp = xs - logsumexp(xs, 1)
prob = softmax(xs, 1)
onehot = np.eye(4)[ts]
write("softmax_cross_entropy_extreme", x=xs, t=ts, y=np.array(-logp[np.arange(n), ts].sum() / n),
      gx=(prob - onehot) / n, logp=logp, prob=prob)

# softmax and log-softmax of a 3-d array along each axis
x3 = rs.randn(2, 3, 4) * 3
sm = {"x": x3}
for a in (0, 1, 2):
    sm[f"softmax{a}"] = softmax(x3, a)
    sm[f"logsoftmax{a}"] = x3 - logsumexp(x3, a)
write("softmax_axes", **sm)

# sigmoid: the values of 1 / (1 + exp(-x)), evaluated where exp(-x) does not overflow as exp(x) / (1 + exp(x))
xsig = np.array([-1000.0, -745.0, -700.0, -100.0, -40.0, -20.0, -10.0, -1.0, -1e-8, 0.0, 1e-8, 1.0, 10.0, 20.0,
                 40.0, 100.0, 700.0, 1000.0])
with np.errstate(over="ignore"):
    e = np.exp(-np.abs(xsig))
    ysig = np.where(xsig >= 0, 1 / (1 + e), e / (1 + e))
    gsig = e / (1 + e) ** 2  # the exact derivative (the computed y (1 - y) is accurate to about 1e-16 absolute)
write("sigmoid_extreme", x=xsig, y=ysig, gy=gsig)

# sigmoid cross entropy: the mean over len(x) of softplus(x) - t x (the value of the clipped formula where
# the clip does not bind), and its gradient (sigmoid(x) - t) / len(x) in x, -x / len(x) in t
xsce = np.array([[1000.0, -1000.0, 1000.0], [-1000.0, 0.0, 40.0], [-40.0, 3.0, -2.5], [1e4, -1e4, 0.5]])
tsce = np.array([[0.0, 1.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [1.0, 0.0, 0.25]])
with np.errstate(over="ignore"):
    e = np.exp(-np.abs(xsce))
    sig = np.where(xsce >= 0, 1 / (1 + e), e / (1 + e))
loss_el = np.maximum(xsce, 0) - xsce * tsce + np.log1p(np.exp(-np.abs(xsce)))
write("sigmoid_cross_entropy_extreme", x=xsce, t=tsce, y=np.array(loss_el.sum() / len(xsce)),
      gx=(sig - tsce) / len(xsce), gt=-xsce / len(xsce))

# binary cross entropy at probabilities 0 and 1: DeZero's clip to [1e-15, 0.999] keeps it finite
pb = np.array([[0.0, 1.0, 0.0], [1.0, 0.5, 1e-20], [0.9995, 1e-15, 0.3]])
tb = np.array([[1.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 0.5]])
pc = np.clip(pb, 1e-15, 0.999)
inside = ((pb >= 1e-15) & (pb <= 0.999)).astype(np.float64)
write("binary_cross_entropy_extreme", p=pb, t=tb,
      y=np.array(-np.sum(tb * np.log(pc) + (1 - tb) * np.log(1 - pc)) / len(tb)),
      gp=-(tb / pc - (1 - tb) / (1 - pc)) * inside / len(tb),
      gt=-(np.log(pc) - np.log(1 - pc)) / len(tb))
print("wrote", len(os.listdir(OUT)), "fixtures to", OUT)
