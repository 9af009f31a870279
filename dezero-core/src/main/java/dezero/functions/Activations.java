package dezero.functions;

import dezero.UnaryFunction;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;

/** Activation functions. */
final class Activations {
    private Activations() {
    }

    /** A 0-d constant in {@code x}'s floating dtype. */
    static NdArray constant(double c, NdArray x) {
        DType t = x.dtype();
        return NdArray.full(t.isFloating() ? t : DType.FLOAT64, c);
    }

    /**
     * {@code y = 1 / (1 + e^-x)}: {@code gx = gy y (1 - y)}. Evaluated as written, which keeps a few ulp
     * of relative accuracy where {@code y} is tiny ({@code tanh(x/2)/2 + 1/2} loses it for
     * {@code x < -5} and gives 0 below about -37); where {@code e^-x} overflows ({@code x < -709}, or
     * {@code -88} in float32) the result is 0, the limit; {@code x = 1000} gives 1.
     */
    static final class Sigmoid extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.sigmoid();
        }

        @Override
        protected Variable backward(Variable gy) {
            Variable y = output();
            return gy.mul(y).mul(y.rsub(1.0));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(y).mul(y.rsub(1.0));
        }
    }

    /** {@code y = max(x, 0)}: {@code gx = gy [x > 0]}. */
    static final class ReLU extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.maximum(0.0);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.mul(Variable.constant(input().data().gt(0.0)));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(Variable.constant(x.data().gt(0.0)));
        }
    }

    /** {@code y = x} where {@code x > 0}, else {@code slope x}. */
    static final class LeakyReLU extends UnaryFunction {
        private final double slope;

        LeakyReLU(double slope) {
            this.slope = slope;
        }

        @Override
        protected NdArray forward(NdArray x) {
            return NdArray.where(x.gt(0.0), x, x.mul(slope));
        }

        private Variable mask(NdArray x) {
            return Variable.constant(NdArray.where(x.gt(0.0), constant(1, x), constant(slope, x)));
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.mul(mask(input().data()));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(mask(x.data()));
        }
    }

    /**
     * {@code y = exp(x) / sum(exp(x), axis)}, shifted by the maximum for stability:
     * {@code gx = y gy - y sum(y gy, axis)}.
     */
    static final class Softmax extends UnaryFunction {
        private final int[] axis;

        Softmax(int axis) {
            this.axis = new int[] {axis};
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.softmax(axis[0]);
        }

        @Override
        protected Variable backward(Variable gy) {
            Variable y = output();
            Variable gx = y.mul(gy);
            return gx.sub(y.mul(gx.sum(axis, true)));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            Variable t = y.mul(dx);
            return t.sub(y.mul(t.sum(axis, true)));
        }
    }

    /** {@code y = x - logsumexp(x, axis)}: {@code gx = gy - exp(y) sum(gy, axis)}. */
    static final class LogSoftmax extends UnaryFunction {
        private final int[] axis;

        LogSoftmax(int axis) {
            this.axis = new int[] {axis};
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.sub(x.logsumexp(axis, true));
        }

        @Override
        protected Variable backward(Variable gy) {
            Variable y = output();
            return gy.sub(new MathOps.Exp().apply(y).mul(gy.sum(axis, true)));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.sub(new MathOps.Exp().apply(y).mul(dx).sum(axis, true));
        }
    }
}
