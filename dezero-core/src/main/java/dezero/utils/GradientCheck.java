package dezero.utils;

import dezero.Autodiff;
import dezero.Config;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Numerical differentiation by central differences, and the check of a function's backward against
 * it (DeZero's {@code numerical_diff}, {@code numerical_grad}, {@code gradient_check}).
 *
 * <pre>{@code
 * NdArray d = GradientCheck.numericalDiff(F::exp, x);              // (f(x + eps) - f(x - eps)) / (2 eps)
 * GradientCheck.gradientCheck(v -> F.tanh(v).sum(), x);           // throws AssertionError on a mismatch
 * }</pre>
 */
public final class GradientCheck {
    /** The step of the central differences, as in DeZero. */
    public static final double EPS = 1e-4;

    private GradientCheck() {
    }

    /** {@code (f(x + eps) - f(x - eps)) / (2 eps)}, elementwise on the output, with {@code eps = 1e-4}. */
    public static NdArray numericalDiff(UnaryOperator<Variable> f, Variable x) {
        return numericalDiff(f, x, EPS);
    }

    /** {@code (f(x + eps) - f(x - eps)) / (2 eps)}, in the dtype of the computation. */
    public static NdArray numericalDiff(UnaryOperator<Variable> f, Variable x, double eps) {
        NdArray y0 = f.apply(new Variable(x.data().sub(eps))).data();
        NdArray y1 = f.apply(new Variable(x.data().add(eps))).data();
        return y1.sub(y0).div(2 * eps);
    }

    /**
     * The gradient of {@code sum(f(x))} with respect to {@code x} by central differences in float64,
     * one pair of evaluations per element of {@code x}.
     */
    public static NdArray numericalGrad(UnaryOperator<Variable> f, Variable x) {
        NdArray base = x.data().astype(DType.FLOAT64);
        int[] dims = base.shape().dims();
        double[] v = base.toDoubleArray();
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double t = v[i];
            v[i] = t + EPS;
            double y1 = f.apply(new Variable(NdArray.of(v, dims))).data().sum().item();
            v[i] = t - EPS;
            double y2 = f.apply(new Variable(NdArray.of(v, dims))).data().sum().item();
            v[i] = t;
            g[i] = (y1 - y2) / (2 * EPS);
        }
        return NdArray.of(g, dims);
    }

    /** {@link #gradientCheck(UnaryOperator, Variable, double, double)} with {@code rtol = 1e-4}, {@code atol = 1e-5}. */
    public static void gradientCheck(UnaryOperator<Variable> f, Variable x) {
        gradientCheck(f, x, 1e-4, 1e-5);
    }

    /**
     * Checks the backward of {@code f} at {@code x} against central differences: the first-order case
     * of {@link #gradientCheck(Function, Variable[], double, double, boolean)} for one input.
     */
    public static void gradientCheck(UnaryOperator<Variable> f, Variable x, double rtol, double atol) {
        gradientCheck(xs -> f.apply(xs[0]), new Variable[] {x}, rtol, atol, false);
    }

    /**
     * Checks the gradients of {@code f} at {@code inputs} against central differences, in float64.
     *
     * <p>First order: for every floating input {@code x_i}, the gradient of {@code sum(f(inputs))} by
     * backpropagation against {@code (s(x_i + eps) - s(x_i - eps)) / (2 eps)} element by element
     * ({@code eps = 1e-4}); every element must satisfy {@code |bp - num| <= atol + rtol |num|}.
     *
     * <p>Second order ({@code secondOrder}): with the first-order gradients {@code g_i} recorded
     * ({@link dezero.Backward#CREATE_GRAPH}) and fixed random directions {@code d_i} (normal, seed 0),
     * the gradient of {@code h = sum_i sum(g_i * d_i)} by backpropagation against central differences
     * of {@code h} computed from first-order gradients: this checks that backward is itself
     * differentiable (a backward computed on detached data fails it).
     *
     * <p>Floating inputs are copied to float64; int64 inputs (labels, indices) are passed unchanged
     * and not checked. No variable's {@code grad} changes. {@code f} should be deterministic.
     *
     * <pre>{@code
     * GradientCheck.gradientCheck(xs -> F.matmul(xs[0], xs[1]), new Variable[] {a, b}, 1e-4, 1e-5, true);
     * }</pre>
     *
     * @throws AssertionError naming the order, the input, the shapes of all inputs and the first
     *     differing elements (index, backprop value, numerical value)
     */
    public static void gradientCheck(Function<Variable[], Variable> f, Variable[] inputs, double rtol, double atol,
            boolean secondOrder) {
        int n = inputs.length;
        Variable[] xs = new Variable[n];
        boolean[] checked = new boolean[n];
        for (int i = 0; i < n; i++) {
            NdArray d = inputs[i].data();
            if (d == null) {
                throw new IllegalArgumentException("gradientCheck: input " + i + " holds no data");
            }
            checked[i] = d.dtype().isFloating();
            xs[i] = checked[i] ? new Variable(d.astype(DType.FLOAT64)) : new Variable(d);
        }
        String shapes = shapes(xs);
        try (Config.Scope g = Config.enableGrad()) {
            // first order
            NdArray[] bp = gradients(f, xs);
            for (int i = 0; i < n; i++) {
                if (checked[i]) {
                    NdArray num = numerical(xs, i, () -> sum(f.apply(xs)));
                    compare("gradientCheck", bp[i], num, i, shapes, rtol, atol);
                }
            }
            if (!secondOrder) {
                return;
            }
            // second order: h = sum_i sum(g_i * d_i), its gradient through the recorded backward
            Random rnd = new Random(0);
            Variable[] dirs = new Variable[n];
            for (int i = 0; i < n; i++) {
                if (checked[i]) {
                    dirs[i] = new Variable(randn(rnd, xs[i].data().shape().dims()));
                }
            }
            Variable y = f.apply(xs);
            Variable[] gs = Autodiff.grad(y, xs);
            Variable h = null;
            for (int i = 0; i < n; i++) {
                if (checked[i]) {
                    Variable term = gs[i].mul(dirs[i]).sum();
                    h = h == null ? term : h.add(term);
                }
            }
            if (h == null) {
                return;
            }
            Variable[] hgs;
            try (Config.Scope ng = Config.noGrad()) {
                hgs = Autodiff.grad(h, xs);
            }
            Supplier<Double> hOf = () -> {
                NdArray[] g1 = gradients(f, xs);
                double s = 0;
                for (int i = 0; i < n; i++) {
                    if (checked[i]) {
                        s += g1[i].astype(DType.FLOAT64).mul(dirs[i].data()).sum().item();
                    }
                }
                return s;
            };
            for (int i = 0; i < n; i++) {
                if (checked[i]) {
                    compare("gradientCheck (2nd order: gradient of sum(grad * d))", hgs[i].data(),
                            numerical(xs, i, hOf), i, shapes, rtol, atol);
                }
            }
        }
    }

    /** The first-order gradients of {@code sum(f(xs))} (not recorded); zeros for inputs it does not reach. */
    private static NdArray[] gradients(Function<Variable[], Variable> f, Variable[] xs) {
        Variable y = f.apply(xs);
        Variable[] gs;
        try (Config.Scope ng = Config.noGrad()) {
            gs = Autodiff.grad(y, xs);
        }
        NdArray[] out = new NdArray[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = gs[i].data();
        }
        return out;
    }

    private static double sum(Variable y) {
        return y.data().astype(DType.FLOAT64).sum().item();
    }

    /**
     * Central differences of {@code s} with respect to each element of {@code xs[i]} (float64), which
     * is replaced by perturbed copies while {@code s} runs and restored afterwards.
     */
    private static NdArray numerical(Variable[] xs, int i, Supplier<Double> s) {
        Variable saved = xs[i];
        int[] dims = saved.data().shape().dims();
        double[] v = saved.data().toDoubleArray();
        double[] g = new double[v.length];
        try {
            for (int k = 0; k < v.length; k++) {
                double t = v[k];
                v[k] = t + EPS;
                xs[i] = new Variable(NdArray.of(v, dims));
                double y1 = s.get();
                v[k] = t - EPS;
                xs[i] = new Variable(NdArray.of(v, dims));
                double y2 = s.get();
                v[k] = t;
                g[k] = (y1 - y2) / (2 * EPS);
            }
        } finally {
            xs[i] = saved;
        }
        return NdArray.of(g, dims);
    }

    private static void compare(String what, NdArray bp, NdArray num, int input, String shapes, double rtol,
            double atol) {
        if (!bp.shape().equals(num.shape())) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s: input %d: backprop gradient has shape %s, numerical %s (inputs of shapes %s)", what, input,
                    bp.shape(), num.shape(), shapes));
        }
        double[] b = bp.astype(DType.FLOAT64).toDoubleArray();
        double[] n = num.toDoubleArray();
        StringBuilder msg = new StringBuilder();
        int bad = 0;
        for (int k = 0; k < n.length; k++) {
            if (!(Math.abs(b[k] - n[k]) <= atol + rtol * Math.abs(n[k]))) {
                if (bad < 10) {
                    msg.append(String.format(Locale.ROOT, "%n  index %s: backprop %.17g, numerical %.17g",
                            index(k, num.shape().dims()), b[k], n[k]));
                }
                bad++;
            }
        }
        if (bad > 0) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s: input %d: %d of %d elements differ (rtol %g, atol %g); inputs of shapes %s; first ones:%s",
                    what, input, bad, n.length, rtol, atol, shapes, msg));
        }
    }

    private static String shapes(Variable[] xs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(xs[i].data().shape());
            if (!xs[i].data().dtype().isFloating()) {
                sb.append(' ').append(xs[i].data().dtype());
            }
        }
        return sb.toString();
    }

    private static NdArray randn(Random rnd, int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        double[] v = new double[size];
        for (int k = 0; k < size; k++) {
            v[k] = rnd.nextGaussian();
        }
        return NdArray.of(v, dims);
    }

    static String index(int flat, int[] dims) {
        if (dims.length == 0) {
            return "()";
        }
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = flat % dims[a];
            flat /= dims[a];
        }
        StringBuilder sb = new StringBuilder("(");
        for (int a = 0; a < idx.length; a++) {
            sb.append(a == 0 ? "" : ", ").append(idx[a]);
        }
        return sb.append(idx.length == 1 ? ",)" : ")").toString();
    }
}
