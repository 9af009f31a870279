package dezero.functions;

import dezero.Variable;
import dezero.ndarray.Index;
import dezero.ndarray.Shape;

/**
 * Every differentiable function, as static methods (DeZero's {@code dezero.functions}, names in
 * lowerCamelCase). Each has a backward that is itself differentiable and a forward-mode (jvp) rule.
 *
 * <pre>{@code
 * Variable y = F.tanh(F.matmul(x, w).add(b));
 * Variable loss = F.softmaxCrossEntropy(y, t);
 * }</pre>
 */
public final class F {
    private F() {
    }

    // ---------------------------------------------------------------- core arithmetic (also Variable methods)

    public static Variable add(Variable x0, Variable x1) {
        return x0.add(x1);
    }

    public static Variable add(Variable x, double c) {
        return x.add(c);
    }

    public static Variable sub(Variable x0, Variable x1) {
        return x0.sub(x1);
    }

    public static Variable sub(Variable x, double c) {
        return x.sub(c);
    }

    /** {@code c - x}. */
    public static Variable rsub(Variable x, double c) {
        return x.rsub(c);
    }

    public static Variable mul(Variable x0, Variable x1) {
        return x0.mul(x1);
    }

    public static Variable mul(Variable x, double c) {
        return x.mul(c);
    }

    public static Variable div(Variable x0, Variable x1) {
        return x0.div(x1);
    }

    public static Variable div(Variable x, double c) {
        return x.div(c);
    }

    /** {@code c / x}. */
    public static Variable rdiv(Variable x, double c) {
        return x.rdiv(c);
    }

    public static Variable neg(Variable x) {
        return x.neg();
    }

    /** {@code x ** c}. */
    public static Variable pow(Variable x, double c) {
        return x.pow(c);
    }

    // ---------------------------------------------------------------- elementwise math

    /** {@code x^2}. */
    public static Variable square(Variable x) {
        return new MathOps.Square().apply(x);
    }

    public static Variable sqrt(Variable x) {
        return new MathOps.Sqrt().apply(x);
    }

    public static Variable exp(Variable x) {
        return new MathOps.Exp().apply(x);
    }

    /** The natural logarithm. */
    public static Variable log(Variable x) {
        return new MathOps.Log().apply(x);
    }

    public static Variable sin(Variable x) {
        return new MathOps.Sin().apply(x);
    }

    public static Variable cos(Variable x) {
        return new MathOps.Cos().apply(x);
    }

    public static Variable tanh(Variable x) {
        return new MathOps.Tanh().apply(x);
    }

    // ---------------------------------------------------------------- tensor operations

    /** The same elements in another shape (one dimension may be -1). */
    public static Variable reshape(Variable x, int... shape) {
        return x.reshape(shape);
    }

    /** Reverses the axes. */
    public static Variable transpose(Variable x) {
        return x.transpose();
    }

    /** Permutes the axes. */
    public static Variable transpose(Variable x, int... axes) {
        return x.transpose(axes);
    }

    /** NumPy indexing {@code x[spec...]} (DeZero's {@code get_item}). */
    public static Variable getItem(Variable x, Index... spec) {
        return x.get(spec);
    }

    /** Inserts an axis of length 1 at {@code axis}. */
    public static Variable expandDims(Variable x, int axis) {
        int n = x.ndim() + 1;
        int a = axis < 0 ? axis + n : axis;
        if (a < 0 || a >= n) {
            throw new IllegalArgumentException("expandDims: axis " + axis + " is out of bounds for a result of dimension "
                    + n);
        }
        int[] dims = new int[n];
        for (int i = 0, j = 0; i < n; i++) {
            dims[i] = i == a ? 1 : x.shape().dim(j++);
        }
        return x.reshape(dims);
    }

    /** Keeps the first (batch) axis and flattens the others: shape {@code (N, -1)}. */
    public static Variable flatten(Variable x) {
        return x.reshape(x.shape().dim(0), -1);
    }

    // ---------------------------------------------------------------- sums, broadcasting, products

    /** The sum of all elements. */
    public static Variable sum(Variable x) {
        return x.sum();
    }

    /** The sum over {@code axes} ({@code null}: all), keeping them as length 1 when {@code keepdims}. */
    public static Variable sum(Variable x, int[] axes, boolean keepdims) {
        return x.sum(axes, keepdims);
    }

    public static Variable sumTo(Variable x, Shape shape) {
        return x.sumTo(shape);
    }

    public static Variable sumTo(Variable x, int... shape) {
        return x.sumTo(shape);
    }

    public static Variable broadcastTo(Variable x, Shape shape) {
        return x.broadcastTo(shape);
    }

    public static Variable broadcastTo(Variable x, int... shape) {
        return x.broadcastTo(shape);
    }

    /** The mean of all elements (DeZero's {@code average} / {@code mean}). */
    public static Variable mean(Variable x) {
        return mean(x, null, false);
    }

    /** The mean over {@code axes} ({@code null}: all). */
    public static Variable mean(Variable x, int[] axes, boolean keepdims) {
        Variable y = x.sum(axes, keepdims);
        return y.mul((double) y.size() / x.size());
    }

    /** {@code np.matmul(x, w)}. */
    public static Variable matmul(Variable x, Variable w) {
        return x.matmul(w);
    }
}
