package dezero.functions;

import dezero.Function;
import dezero.Variable;
import dezero.ndarray.NdArray;

/** {@code y = x W + b} for {@code x} of shape {@code (N, in)} and {@code W} of shape {@code (in, out)}; {@code b} optional. */
final class Linear extends Function {
    private boolean bias;

    @Override
    protected NdArray[] forward(NdArray... xs) {
        NdArray x = xs[0];
        NdArray w = xs[1];
        if (x.ndim() != 2 || w.ndim() != 2) {
            throw new IllegalArgumentException("linear: x and W must be 2-d, got shapes " + x.shape() + " and "
                    + w.shape());
        }
        NdArray y = x.matmul(w);
        bias = xs.length == 3;
        return new NdArray[] {bias ? y.add(xs[2]) : y};
    }

    @Override
    protected Variable[] backward(Variable... gys) {
        Variable gy = gys[0];
        Variable x = input(0);
        Variable w = input(1);
        Variable gx = needsGrad(0) ? gy.matmul(w.transpose()) : null;
        Variable gw = needsGrad(1) ? x.transpose().matmul(gy) : null;
        if (!bias) {
            return new Variable[] {gx, gw};
        }
        return new Variable[] {gx, gw, needsGrad(2) ? gy.sumTo(input(2).shape()) : null};
    }

    @Override
    protected Variable[] jvp(Variable[] xs, Variable[] ys, Variable[] dxs) {
        Variable t = null;
        if (dxs[0] != null) {
            t = dxs[0].matmul(xs[1]);
        }
        if (dxs[1] != null) {
            Variable u = xs[0].matmul(dxs[1]);
            t = t == null ? u : t.add(u);
        }
        if (dxs.length == 3 && dxs[2] != null) {
            t = t == null ? dxs[2].broadcastTo(ys[0].shape()) : t.add(dxs[2]);
        }
        return new Variable[] {t};
    }
}
