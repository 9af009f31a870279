package dezero;

import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import java.util.Arrays;

/**
 * The core primitives behind the {@link Variable} methods. Each backward is written with variable
 * operations (so it is differentiable again) and each has a jvp.
 */
final class CoreOps {
    private CoreOps() {
    }

    /** A 0-d constant in the floating dtype that an operation with {@code x} keeps. */
    static NdArray constant(double c, NdArray x) {
        DType t = x.dtype();
        return NdArray.full(t.isFloating() ? t : DType.FLOAT64, c);
    }

    // ---------------------------------------------------------------- arithmetic between variables

    /** {@code y = x0 + x1} with broadcasting; the gradients are summed back to each input's shape. */
    static final class Add extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x0, NdArray x1) {
            return x0.add(x1);
        }

        @Override
        protected Variable[] backward(Variable gy) {
            Shape s0 = input0().data.shape();
            Shape s1 = input1().data.shape();
            return new Variable[] {needsGrad(0) ? gy.sumTo(s0) : null, needsGrad(1) ? gy.sumTo(s1) : null};
        }

        @Override
        protected Variable jvp(Variable x0, Variable x1, Variable y, Variable dx0, Variable dx1) {
            return addTangents(dx0, dx1, y.data.shape());
        }
    }

    /** {@code y = x0 - x1}. */
    static final class Sub extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x0, NdArray x1) {
            return x0.sub(x1);
        }

        @Override
        protected Variable[] backward(Variable gy) {
            Shape s0 = input0().data.shape();
            Shape s1 = input1().data.shape();
            return new Variable[] {needsGrad(0) ? gy.sumTo(s0) : null, needsGrad(1) ? gy.neg().sumTo(s1) : null};
        }

        @Override
        protected Variable jvp(Variable x0, Variable x1, Variable y, Variable dx0, Variable dx1) {
            return addTangents(dx0, dx1 == null ? null : dx1.neg(), y.data.shape());
        }
    }

    /** {@code y = x0 * x1}: {@code gx0 = gy * x1}, {@code gx1 = gy * x0}. */
    static final class Mul extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x0, NdArray x1) {
            return x0.mul(x1);
        }

        @Override
        protected Variable[] backward(Variable gy) {
            Variable x0 = input0();
            Variable x1 = input1();
            Variable g0 = needsGrad(0) ? gy.mul(x1).sumTo(x0.data.shape()) : null;
            Variable g1 = needsGrad(1) ? gy.mul(x0).sumTo(x1.data.shape()) : null;
            return new Variable[] {g0, g1};
        }

        @Override
        protected Variable jvp(Variable x0, Variable x1, Variable y, Variable dx0, Variable dx1) {
            return addTangents(dx0 == null ? null : dx0.mul(x1), dx1 == null ? null : x0.mul(dx1), y.data.shape());
        }
    }

    /** {@code y = x0 / x1}: {@code gx0 = gy / x1}, {@code gx1 = gy * (-x0 / x1^2)}. */
    static final class Div extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x0, NdArray x1) {
            return x0.div(x1);
        }

        @Override
        protected Variable[] backward(Variable gy) {
            Variable x0 = input0();
            Variable x1 = input1();
            Variable g0 = needsGrad(0) ? gy.div(x1).sumTo(x0.data.shape()) : null;
            Variable g1 = needsGrad(1) ? gy.mul(x0.neg().div(x1.mul(x1))).sumTo(x1.data.shape()) : null;
            return new Variable[] {g0, g1};
        }

        @Override
        protected Variable jvp(Variable x0, Variable x1, Variable y, Variable dx0, Variable dx1) {
            Variable a = dx0 == null ? null : dx0.div(x1);
            Variable b = dx1 == null ? null : dx1.mul(x0.neg().div(x1.mul(x1)));
            return addTangents(a, b, y.data.shape());
        }
    }

    /** {@code y = -x}. */
    static final class Neg extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.neg();
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.neg();
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.neg();
        }
    }

    /** {@code y = x^c} for a constant {@code c}: {@code gx = c x^(c-1) gy}. */
    static final class Pow extends UnaryFunction {
        private final double c;

        Pow(double c) {
            this.c = c;
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.pow(c);
        }

        @Override
        protected Variable backward(Variable gy) {
            return input().pow(c - 1).mul(c).mul(gy);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return x.pow(c - 1).mul(c).mul(dx);
        }
    }

    // ---------------------------------------------------------------- arithmetic with a constant

    /** {@code y = x + c}. */
    static final class AddScalar extends UnaryFunction {
        private final double c;

        AddScalar(double c) {
            this.c = c;
        }

        @Override
        public String name() {
            return "Add";
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.add(c);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy;
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx;
        }
    }

    /** {@code y = x - c}. */
    static final class SubScalar extends UnaryFunction {
        private final double c;

        SubScalar(double c) {
            this.c = c;
        }

        @Override
        public String name() {
            return "Sub";
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.sub(c);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy;
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx;
        }
    }

    /** {@code y = c - x}. */
    static final class RSubScalar extends UnaryFunction {
        private final double c;

        RSubScalar(double c) {
            this.c = c;
        }

        @Override
        public String name() {
            return "Sub";
        }

        @Override
        protected NdArray forward(NdArray x) {
            return constant(c, x).sub(x);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.neg();
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.neg();
        }
    }

    /** {@code y = x * c}. */
    static final class MulScalar extends UnaryFunction {
        private final double c;

        MulScalar(double c) {
            this.c = c;
        }

        @Override
        public String name() {
            return "Mul";
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.mul(c);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.mul(c);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(c);
        }
    }

    /** {@code y = x / c}. */
    static final class DivScalar extends UnaryFunction {
        private final double c;

        DivScalar(double c) {
            this.c = c;
        }

        @Override
        public String name() {
            return "Div";
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.div(c);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.div(c);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.div(c);
        }
    }

    /** {@code y = c / x}: {@code gx = gy * (-c / x^2)}. */
    static final class RDivScalar extends UnaryFunction {
        private final double c;

        RDivScalar(double c) {
            this.c = c;
        }

        @Override
        public String name() {
            return "Div";
        }

        @Override
        protected NdArray forward(NdArray x) {
            return constant(c, x).div(x);
        }

        @Override
        protected Variable backward(Variable gy) {
            Variable x = input();
            return gy.mul(x.mul(x).rdiv(-c));
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.mul(x.mul(x).rdiv(-c));
        }
    }

    // ---------------------------------------------------------------- matrix product

    /**
     * {@code y = a @ b} ({@code np.matmul}): {@code ga = gy @ b^T}, {@code gb = a^T @ gy} on the last two
     * axes, 1-d operands promoted to matrices and broadcast batch axes summed back.
     */
    static final class MatMul extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray a, NdArray b) {
            return a.matmul(b);
        }

        @Override
        protected Variable[] backward(Variable gy) {
            Variable a = input0();
            Variable b = input1();
            Shape sa = a.data.shape();
            Shape sb = b.data.shape();
            Variable a2 = sa.rank() == 1 ? a.reshape(1, sa.dim(0)) : a;
            Variable b2 = sb.rank() == 1 ? b.reshape(sb.dim(0), 1) : b;
            Variable g = gy;
            if (sa.rank() == 1) {
                g = g.reshape(insertOne(g.data.shape(), sb.rank() == 1 ? 0 : g.data.ndim() - 1));
            }
            if (sb.rank() == 1) {
                g = g.reshape(insertOne(g.data.shape(), g.data.ndim()));
            }
            Variable ga = needsGrad(0) ? g.matmul(swapLastTwo(b2)).sumTo(a2.data.shape()).reshape(sa.dims()) : null;
            Variable gb = needsGrad(1) ? swapLastTwo(a2).matmul(g).sumTo(b2.data.shape()).reshape(sb.dims()) : null;
            return new Variable[] {ga, gb};
        }

        @Override
        protected Variable jvp(Variable a, Variable b, Variable y, Variable da, Variable db) {
            return addTangents(da == null ? null : da.matmul(b), db == null ? null : a.matmul(db), y.data.shape());
        }

        private static int[] insertOne(Shape s, int at) {
            int[] d = new int[s.rank() + 1];
            for (int i = 0, j = 0; i < d.length; i++) {
                d[i] = i == at ? 1 : s.dim(j++);
            }
            return d;
        }

        private static Variable swapLastTwo(Variable v) {
            int n = v.data.ndim();
            if (n == 2) {
                return v.transpose();
            }
            int[] axes = new int[n];
            for (int i = 0; i < n; i++) {
                axes[i] = i;
            }
            axes[n - 2] = n - 1;
            axes[n - 1] = n - 2;
            return v.transpose(axes);
        }
    }

    // ---------------------------------------------------------------- shape

    /** {@code y = x.reshape(shape)}; backward reshapes back. */
    static final class Reshape extends UnaryFunction {
        private final int[] shape;
        private Shape inShape;

        Reshape(int[] shape) {
            this.shape = shape;
        }

        @Override
        protected NdArray forward(NdArray x) {
            inShape = x.shape();
            return x.reshape(shape);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.reshape(inShape.dims());
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.reshape(y.data.shape().dims());
        }
    }

    /** {@code y = x.transpose(axes)} ({@code null}: reversed); backward applies the inverse permutation. */
    static final class Transpose extends UnaryFunction {
        private final int[] axes;

        Transpose(int[] axes) {
            this.axes = axes;
        }

        @Override
        protected NdArray forward(NdArray x) {
            return axes == null ? x.transpose() : x.transpose(axes);
        }

        @Override
        protected Variable backward(Variable gy) {
            if (axes == null) {
                return gy.transpose();
            }
            int n = axes.length;
            int[] inv = new int[n];
            for (int i = 0; i < n; i++) {
                inv[Math.floorMod(axes[i], n)] = i;
            }
            return gy.transpose(inv);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return axes == null ? dx.transpose() : dx.transpose(axes);
        }
    }

    /** {@code y = x.sum(axes, keepdims)}; backward broadcasts the gradient back over the summed axes. */
    static final class Sum extends UnaryFunction {
        private final int[] axes;
        private final boolean keepdims;
        private Shape inShape;

        Sum(int[] axes, boolean keepdims) {
            this.axes = axes;
            this.keepdims = keepdims;
        }

        @Override
        protected NdArray forward(NdArray x) {
            inShape = x.shape();
            return x.sum(axes, keepdims);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.reshape(keptShape(inShape, axes)).broadcastTo(inShape);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.sum(axes, keepdims);
        }
    }

    /** {@code x}'s shape with the reduced axes ({@code null}: all) as length 1. */
    static int[] keptShape(Shape in, int[] axes) {
        int n = in.rank();
        int[] d = in.dims();
        if (axes == null) {
            Arrays.fill(d, 1);
        } else {
            for (int a : axes) {
                int k = a < 0 ? a + n : a;
                if (k < 0 || k >= n) {
                    throw new IllegalArgumentException("sum: axis " + a + " is out of bounds for array of dimension "
                            + n);
                }
                d[k] = 1;
            }
        }
        return d;
    }

    /** {@code y = x} summed down to {@code shape}; the adjoint of {@link BroadcastTo}. */
    static final class SumTo extends UnaryFunction {
        private final Shape shape;
        private Shape inShape;

        SumTo(Shape shape) {
            this.shape = shape;
        }

        @Override
        protected NdArray forward(NdArray x) {
            inShape = x.shape();
            return x.sumTo(shape);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.broadcastTo(inShape);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.sumTo(shape);
        }
    }

    /** {@code y = x} broadcast to {@code shape}; the adjoint of {@link SumTo}. */
    static final class BroadcastTo extends UnaryFunction {
        private final Shape shape;
        private Shape inShape;

        BroadcastTo(Shape shape) {
            this.shape = shape;
        }

        @Override
        protected NdArray forward(NdArray x) {
            inShape = x.shape();
            return x.broadcastTo(shape);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.sumTo(inShape);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.broadcastTo(shape);
        }
    }

    // ---------------------------------------------------------------- indexing

    /** {@code y = x[spec]}; backward scatters the gradient into zeros with add ({@link GetItemGrad}). */
    static final class GetItem extends UnaryFunction {
        private final Index[] spec;

        GetItem(Index[] spec) {
            this.spec = spec;
        }

        @Override
        protected NdArray forward(NdArray x) {
            return x.get(spec);
        }

        @Override
        protected Variable backward(Variable gy) {
            Variable x = input();
            return new GetItemGrad(spec, x.data.shape()).apply(gy);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return dx.get(spec);
        }
    }

    /** Zeros of the input's shape with {@code gy} added at {@code spec} ({@code np.add.at}); the adjoint of {@link GetItem}. */
    static final class GetItemGrad extends UnaryFunction {
        private final Index[] spec;
        private final Shape inShape;

        GetItemGrad(Index[] spec, Shape inShape) {
            this.spec = spec;
            this.inShape = inShape;
        }

        @Override
        protected NdArray forward(NdArray gy) {
            return NdArray.zeros(gy.dtype(), inShape.dims()).addAt(spec, gy);
        }

        @Override
        protected Variable backward(Variable ggx) {
            return ggx.get(spec);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return new GetItemGrad(spec, inShape).apply(dx);
        }
    }
}
