package dezero.functions;

import dezero.UnaryFunction;
import dezero.Variable;
import dezero.ndarray.NdArray;

/** Elementwise mathematical functions. */
final class MathOps {
    private MathOps() {
    }

    /** {@code y = x^2}: {@code gx = 2 x gy}. */
    static final class Square extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.square();
        }

        @Override
        protected Variable backward(Variable gy) {
            return input().mul(2.0).mul(gy);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return x.mul(2.0).mul(dx);
        }
    }

    /** {@code y = sqrt(x)}: {@code gx = gy / (2 y)}. */
    static final class Sqrt extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.sqrt();
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.div(output().mul(2.0));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.div(y.mul(2.0));
        }
    }

    /** {@code y = e^x}: {@code gx = gy y}. */
    static final class Exp extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.exp();
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.mul(output());
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(y);
        }
    }

    /** {@code y = ln x}: {@code gx = gy / x}. */
    static final class Log extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.log();
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.div(input());
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.div(x);
        }
    }

    /** {@code y = sin x}: {@code gx = gy cos x}. */
    static final class Sin extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.sin();
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.mul(new Cos().apply(input()));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(new Cos().apply(x));
        }
    }

    /** {@code y = cos x}: {@code gx = -gy sin x}. */
    static final class Cos extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.cos();
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.mul(new Sin().apply(input()).neg());
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(new Sin().apply(x).neg());
        }
    }

    /** {@code y = tanh x}: {@code gx = gy (1 - y^2)}. */
    static final class Tanh extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.tanh();
        }

        @Override
        protected Variable backward(Variable gy) {
            Variable y = output();
            return gy.mul(y.mul(y).rsub(1.0));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(y.mul(y).rsub(1.0));
        }
    }
}
