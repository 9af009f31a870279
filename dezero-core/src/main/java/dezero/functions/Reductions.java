package dezero.functions;

import dezero.UnaryFunction;
import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;

/** Reductions other than sum: max and min. */
final class Reductions {
    private Reductions() {
    }

    /** {@code x}'s shape with the reduced axes ({@code null}: all) as length 1. */
    static int[] keptShape(String op, Shape in, int[] axes) {
        int n = in.rank();
        int[] d = in.dims();
        if (axes == null) {
            java.util.Arrays.fill(d, 1);
        } else {
            for (int a : axes) {
                int k = a < 0 ? a + n : a;
                if (k < 0 || k >= n) {
                    throw new IllegalArgumentException(op + ": axis " + a + " is out of bounds for array of dimension "
                            + n);
                }
                d[k] = 1;
            }
        }
        return d;
    }

    /**
     * {@code y = max(x, axes)} (or min): the gradient goes to every position that attains the
     * extremum (ties all receive it, as in DeZero).
     */
    static final class Max extends UnaryFunction {
        private final int[] axes;
        private final boolean keepdims;
        private final boolean min;

        Max(int[] axes, boolean keepdims, boolean min) {
            this.axes = axes;
            this.keepdims = keepdims;
            this.min = min;
        }

        @Override
        public String name() {
            return min ? "Min" : "Max";
        }

        @Override
        protected NdArray forward(NdArray x) {
            return min ? x.min(axes, keepdims) : x.max(axes, keepdims);
        }

        /** 1 where {@code x} equals the extremum, in {@code x}'s shape. */
        private Variable mask(NdArray x, NdArray y) {
            return Variable.constant(x.eq(y.reshape(keptShape(name().toLowerCase(), x.shape(), axes))));
        }

        @Override
        protected Variable backward(Variable gy) {
            NdArray x = input().data();
            Variable y = output();
            Shape xs = x.shape();
            return gy.reshape(keptShape("max", xs, axes)).broadcastTo(xs).mul(mask(x, y.data()));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(mask(x.data(), y.data())).sum(axes, keepdims);
        }
    }

    /** {@code y = clip(x, lo, hi)}: the gradient passes where {@code lo <= x <= hi}. */
    static final class Clip extends UnaryFunction {
        private final double lo;
        private final double hi;

        Clip(double lo, double hi) {
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.clip(lo, hi);
        }

        private Variable mask(NdArray x) {
            return Variable.constant(x.ge(lo).mul(x.le(hi)));
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
}
