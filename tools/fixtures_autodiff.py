"""Forward-value fixtures for the differentiable functions of dezero-java (dezero.functions.F and
the core Variable operations), computed with NumPy.

Writes dezero-core/src/test/resources/fixtures/autodiff/<case>.txt. Each file holds named arrays:
a header line `<name> <dtype> <dim>...` (no dims for 0-d) followed by one line of the values in C
order (repr of float64, or integers). Run from the repository root: python3 tools/fixtures_autodiff.py
"""
import os
import numpy as np

OUT = os.path.join("dezero-core", "src", "test", "resources", "fixtures", "autodiff")
rs = np.random.RandomState(0)


def write(case, **arrays):
    lines = []
    for name, a in arrays.items():
        a = np.asarray(a)
        dt = {"float64": "float64", "int64": "int64"}[str(a.dtype)]
        lines.append(" ".join([name, dt] + [str(d) for d in a.shape]))
        if dt == "float64":
            lines.append(" ".join(repr(float(v)) for v in a.ravel()))
        else:
            lines.append(" ".join(str(int(v)) for v in a.ravel()))
    with open(os.path.join(OUT, case + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def logsumexp(x, axis):
    m = x.max(axis=axis, keepdims=True)
    return m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


os.makedirs(OUT, exist_ok=True)
x = rs.randn(2, 3)
xp = rs.rand(2, 3) + 0.5          # positive
x0 = rs.randn(2, 3)
x1 = rs.randn(2, 3)
row = rs.randn(3)
a = rs.randn(2, 3)
b = rs.randn(3, 4)
batched_a = rs.randn(2, 2, 3)
v3 = rs.randn(3)
w = rs.randn(3, 4)
bias = rs.randn(4)
scores = rs.randn(4, 3)
labels = np.array([0, 2, 1, 2], dtype=np.int64)
probs = rs.rand(2, 3) * 0.9 + 0.05
targets = (rs.rand(2, 3) > 0.5).astype(np.float64)
bn_x = rs.randn(5, 3)
bn_gamma = rs.randn(3)
bn_beta = rs.randn(3)
bn_mean = rs.randn(3)
bn_var = rs.rand(3) + 0.5
bn_x4 = rs.randn(2, 3, 2, 2)

# elementwise math
write("exp", x=x, y=np.exp(x))
write("log", x=xp, y=np.log(xp))
write("sin", x=x, y=np.sin(x))
write("cos", x=x, y=np.cos(x))
write("tanh", x=x, y=np.tanh(x))
write("square", x=x, y=x ** 2)
write("sqrt", x=xp, y=np.sqrt(xp))
# core arithmetic, with broadcasting of a row
write("add", x0=x0, x1=row, y=x0 + row)
write("sub", x0=x0, x1=row, y=x0 - row)
write("mul", x0=x0, x1=row, y=x0 * row)
write("div", x0=x0, x1=xp, y=x0 / xp)
write("neg", x=x, y=-x)
write("pow", x=xp, y=xp ** 3.5)
write("scalar_ops", x=x, add=x + 2.5, sub=x - 2.5, rsub=2.5 - x, mul=x * 2.5, div=x / 2.5, rdiv=2.5 / xp, xp=xp)
# shapes
write("reshape", x=x, y=x.reshape(3, 2))
write("transpose", x=batched_a, y=batched_a.transpose(), y120=batched_a.transpose(1, 2, 0))
write("sum", x=batched_a, all=np.array(batched_a.sum()), ax1=batched_a.sum(axis=1),
      ax02k=batched_a.sum(axis=(0, 2), keepdims=True))
write("sum_to", x=batched_a, y=batched_a.sum(axis=(0, 1), keepdims=True).reshape(1, 3),
      to3=batched_a.sum(axis=(0, 1)))
write("broadcast_to", x=row, y=np.broadcast_to(row, (2, 3)))
write("get_item", x=batched_a, y_1=batched_a[1], y_fancy=batched_a[:, [0, 1, 1]],
      y_slice=batched_a[:, 1:, ::2])
write("mean", x=batched_a, all=np.array(batched_a.mean()), ax2=batched_a.mean(axis=2))
# products
write("matmul", a=a, b=b, y=a @ b, v=v3, av=a @ v3, va=np.array(v3 @ b), vv=np.array(v3 @ v3), ba=batched_a,
      bab=batched_a @ b)
write("linear", x=a, w=w, b=bias, y=a @ w + bias, ynob=a @ w)
# reductions
write("max", x=batched_a, all=np.array(batched_a.max()), ax1=batched_a.max(axis=1),
      ax2k=batched_a.max(axis=2, keepdims=True))
write("min", x=batched_a, all=np.array(batched_a.min()), ax1=batched_a.min(axis=1))
write("clip", x=x, y=np.clip(x, -0.5, 0.7))
# activations
write("sigmoid", x=x, y=1 / (1 + np.exp(-x)))
write("relu", x=x, y=np.maximum(x, 0.0))
write("leaky_relu", x=x, y=np.where(x > 0, x, 0.2 * x), y05=np.where(x > 0, x, 0.05 * x))
write("softmax", x=scores, y=softmax(scores, 1), y0=softmax(scores, 0))
write("log_softmax", x=scores, y=scores - logsumexp(scores, 1), y0=scores - logsumexp(scores, 0))
# losses
write("mean_squared_error", x0=x0, x1=x1, y=np.array(((x0 - x1) ** 2).sum() / len(x0)))
lp = scores - logsumexp(scores, 1)
write("softmax_cross_entropy", x=scores, t=labels, y=np.array(-lp[np.arange(4), labels].sum() / 4))
sp = np.clip(1 / (1 + np.exp(-x)), 1e-15, 1.0)
write("sigmoid_cross_entropy", x=x, t=targets,
      y=np.array(-np.sum(targets * np.log(sp) + (1 - targets) * np.log(1 - sp)) / len(x)))
pc = np.clip(probs, 1e-15, 0.999)
write("binary_cross_entropy", p=probs, t=targets,
      y=np.array(-np.sum(targets * np.log(pc) + (1 - targets) * np.log(1 - pc)) / len(targets)))
# accuracy and embedding
write("accuracy", y=scores, t=labels, acc=np.array((scores.argmax(axis=1) == labels).mean()))
ids = np.array([[0, 2], [1, 1]], dtype=np.int64)
write("embed_id", w=w, ids=ids, y=w[ids])


# batch norm (training: batch statistics and running-statistics update; test: running statistics)
def bn_train(x, gamma, beta, mean, var, decay, eps):
    mu = x.mean(axis=0)
    va = x.var(axis=0)
    xc = (x - mu) / np.sqrt(va + eps)
    m = x.size // gamma.size
    s = m - 1.0 if m - 1.0 > 1.0 else 1.0
    return gamma * xc + beta, decay * mean + (1 - decay) * mu, decay * var + (1 - decay) * (m / s) * va


y, rm, rv = bn_train(bn_x, bn_gamma, bn_beta, bn_mean, bn_var, 0.9, 2e-5)
yt = bn_gamma * (bn_x - bn_mean) / np.sqrt(bn_var + 2e-5) + bn_beta
x4 = bn_x4.transpose(0, 2, 3, 1).reshape(-1, 3)
y4, rm4, rv4 = bn_train(x4, bn_gamma, bn_beta, bn_mean, bn_var, 0.9, 2e-5)
y4 = y4.reshape(2, 2, 2, 3).transpose(0, 3, 1, 2)
write("batch_norm", x=bn_x, gamma=bn_gamma, beta=bn_beta, mean=bn_mean, var=bn_var, y=y, rm=rm, rv=rv, ytest=yt,
      x4=bn_x4, y4=y4, rm4=rm4, rv4=rv4)
print("wrote", len(os.listdir(OUT)), "fixtures to", OUT)
