package dezero.utils;

import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.Locale;
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
     * Checks the backward of {@code f} at {@code x} (computed in float64) against
     * {@link #numericalGrad}: every element must satisfy {@code |bp - num| <= atol + rtol |num|}.
     * Throws an {@link AssertionError} listing the first differing elements otherwise. The gradient
     * of {@code sum(f(x))} is checked; {@code x} itself is not changed.
     */
    public static void gradientCheck(UnaryOperator<Variable> f, Variable x, double rtol, double atol) {
        Variable x64 = new Variable(x.data().astype(DType.FLOAT64));
        NdArray num = numericalGrad(f, x64);
        Variable y = f.apply(x64);
        y.backward();
        // no gradient reaching x means f does not depend on x: a zero gradient
        NdArray bp = x64.grad() == null ? NdArray.zerosLike(x64.data()) : x64.grad().data();
        if (!bp.shape().equals(num.shape())) {
            throw new AssertionError("gradientCheck: backprop gradient has shape " + bp.shape()
                    + ", numerical gradient " + num.shape());
        }
        double[] b = bp.astype(DType.FLOAT64).toDoubleArray();
        double[] n = num.toDoubleArray();
        StringBuilder msg = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < n.length; i++) {
            if (!(Math.abs(b[i] - n[i]) <= atol + rtol * Math.abs(n[i]))) {
                if (bad < 10) {
                    msg.append(String.format(Locale.ROOT, "%n  index %s: backprop %.17g, numerical %.17g",
                            index(i, num.shape().dims()), b[i], n[i]));
                }
                bad++;
            }
        }
        if (bad > 0) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "gradientCheck: %d of %d elements differ (rtol %g, atol %g), shape %s; first ones:%s", bad,
                    n.length, rtol, atol, num.shape(), msg));
        }
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
