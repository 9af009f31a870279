package dezero.functions;

import dezero.BinaryFunction;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;

/** Loss functions with their own backward (the others are composed in {@link F}). */
final class Losses {
    private Losses() {
    }

    /** {@code y = sum((x0 - x1)^2) / len(x0)}: {@code gx0 = gy (x0 - x1) 2 / len}, {@code gx1 = -gx0}. */
    static final class MeanSquaredError extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x0, NdArray x1) {
            if (x0.ndim() == 0) {
                throw new IllegalArgumentException("meanSquaredError: inputs must have at least one axis, got shapes "
                        + x0.shape() + " and " + x1.shape());
            }
            NdArray diff = x0.sub(x1);
            return diff.square().sum().div(diff.dim(0));
        }

        @Override
        protected Variable[] backward(Variable gy) {
            Variable diff = input0().sub(input1());
            Variable g0 = gy.mul(diff).mul(2.0 / diff.length());
            return new Variable[] {needsGrad(0) ? g0.sumTo(input0().shape()) : null,
                needsGrad(1) ? g0.neg().sumTo(input1().shape()) : null};
        }

        @Override
        protected Variable jvp(Variable x0, Variable x1, Variable y, Variable dx0, Variable dx1) {
            Variable diff = x0.sub(x1);
            Variable d = dx0 == null ? dx1.neg() : dx1 == null ? dx0 : dx0.sub(dx1);
            return diff.mul(d).sum().mul(2.0 / diff.length());
        }
    }

    /**
     * {@code y = -mean(log softmax(x)[i, t_i])} for scores {@code x} of shape {@code (N, C)} and int64
     * labels {@code t} of {@code N} elements: {@code gx = gy (softmax(x) - onehot(t)) / N}; labels get no
     * gradient.
     */
    static final class SoftmaxCrossEntropy extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x, NdArray t) {
            check(x, t);
            int n = x.dim(0);
            // -mean(log softmax(x)[i, t[i]]) as mean(logsumexp(x[i]) - x[i, t[i]]): the same numbers
            // (a - b is exactly -(b - a), and so are the sums), without the (N, C) array of log p
            NdArray lse = x.logsumexp(new int[] {1}, false);
            NdArray picked = x.get(Index.of(NdArray.arange(n)), Index.of(t.reshape(-1)));
            return lse.sub(picked).sum().div(n);
        }

        private static void check(NdArray x, NdArray t) {
            if (x.ndim() != 2) {
                throw new IllegalArgumentException("softmaxCrossEntropy: scores must be 2-d (N, C), got shape "
                        + x.shape());
            }
            if (t.dtype() != DType.INT64) {
                throw new IllegalArgumentException("softmaxCrossEntropy: labels must be int64, got " + t.dtype());
            }
            if (t.size() != x.dim(0)) {
                throw new IllegalArgumentException("softmaxCrossEntropy: scores of shape " + x.shape() + " and labels of"
                        + " shape " + t.shape() + " differ in batch size");
            }
            checkLabels("softmaxCrossEntropy", t, x.dim(1));
        }

        /**
         * Every label in {@code [0, classes)}; else an error naming an offending label (the smallest or
         * the largest) and its position.
         */
        static void checkLabels(String op, NdArray t, int classes) {
            if (t.size() == 0) {
                return;
            }
            long[] labels = t.toLongArray();
            int lo = 0;
            int hi = 0;
            for (int i = 1; i < labels.length; i++) {
                if (labels[i] < labels[lo]) {
                    lo = i;
                } else if (labels[i] > labels[hi]) {
                    hi = i;
                }
            }
            for (int i : new int[] {lo, hi}) {
                long label = labels[i];
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException(op + ": label " + label + " at index " + i + " is out of range"
                            + " for " + classes + " classes (labels must lie in [0, " + classes + "))");
                }
            }
        }

        private static Variable probMinusOneHot(Variable x, NdArray t) {
            int c = x.shape().dim(1);
            NdArray onehot = NdArray.eye(x.dtype(), c).get(Index.of(t.reshape(-1)));
            return new Activations.Softmax(1).apply(x).sub(Variable.constant(onehot));
        }

        @Override
        protected Variable[] backward(Variable gy) {
            Variable x = input0();
            int n = x.shape().dim(0);
            Variable g = gy.mul(1.0 / n);
            return new Variable[] {needsGrad(0) ? probMinusOneHot(x, input1().data()).mul(g) : null, null};
        }

        @Override
        protected Variable jvp(Variable x, Variable t, Variable y, Variable dx, Variable dt) {
            if (dx == null) {
                return new Variable(NdArray.zerosLike(y.data()));
            }
            return probMinusOneHot(x, t.data()).mul(dx).sum().div(x.shape().dim(0));
        }
    }

    /**
     * {@code y = sum(softplus(x) - t x) / len(x)}, the mean binary cross entropy of {@code sigmoid(x)}
     * against targets {@code t} of {@code x}'s shape, with {@code softplus(x) = max(x, 0) + log(1 + e^-|x|)}
     * (finite for every finite {@code x}): {@code gx = gy (sigmoid(x) - t) / len}, {@code gt = -gy x / len}
     * (none for int64 targets).
     */
    static final class SigmoidCrossEntropy extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x, NdArray t) {
            if (x.ndim() == 0 || !x.shape().equals(t.shape())) {
                throw new IllegalArgumentException("sigmoidCrossEntropy: scores and targets must have the same shape"
                        + " of at least one axis, got " + x.shape() + " and " + t.shape());
            }
            NdArray softplus = x.maximum(0.0).add(x.abs().neg().exp().add(1.0).log());
            return softplus.sub(x.mul(t)).sum().div(x.dim(0));
        }

        @Override
        protected Variable[] backward(Variable gy) {
            Variable x = input0();
            Variable t = input1();
            Variable g = gy.mul(1.0 / x.length());
            Variable gx = new Activations.Sigmoid().apply(x).sub(t).mul(g);
            Variable gt = t.dtype().isFloating() ? x.mul(g).neg() : null;
            return new Variable[] {gx, gt};
        }

        @Override
        protected Variable jvp(Variable x, Variable t, Variable y, Variable dx, Variable dt) {
            Variable d = null;
            if (dx != null) {
                d = new Activations.Sigmoid().apply(x).sub(t).mul(dx).sum();
            }
            if (dt != null) {
                Variable e = x.mul(dt).sum().neg();
                d = d == null ? e : d.add(e);
            }
            return d.div(x.length());
        }
    }
}
