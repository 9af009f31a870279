package dezero.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Autodiff;
import dezero.Backward;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.utils.GradientCheck;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The checks every differentiable function gets: numerical gradient (float64 central differences),
 * second order (the gradient's own backward, by differences of gradients), forward mode against
 * reverse mode and against differences, Hessian-vector products, and float32.
 */
public final class DiffChecks {
    private DiffChecks() {
    }

    /** All the checks for {@code f} at the float64 point {@code x}; random directions from {@code seed}. */
    public static void checkAll(UnaryOperator<Variable> f, NdArray x, long seed) {
        gradient(f, x, seed);
        secondOrder(f, x, seed);
        jvp(f, x, seed);
        hvp(f, x, seed);
        float32(f, x);
    }

    /**
     * {@code c} in the floating dtype of {@code v} (int64 stays int64), for functions of several
     * inputs: {@code v -> F.mul(v, as(w, v))} checks in float32 end to end.
     */
    public static Variable as(Variable c, Variable v) {
        DType t = c.dtype();
        if (t == DType.INT64 || t == v.dtype()) {
            return c;
        }
        return new Variable(c.data().astype(v.dtype()));
    }

    /** Normal random numbers of the given shape (float64). */
    public static NdArray randn(Random rnd, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return NdArray.of(v, dims);
    }

    private static NdArray randomLike(Random rnd, NdArray a) {
        return randn(rnd, a.shape().dims());
    }

    /** {@code sum(f(v) * r)} for a fixed random {@code r}: a scalar whose gradient depends on every output. */
    private static UnaryOperator<Variable> weighted(UnaryOperator<Variable> f, NdArray x, long seed) {
        NdArray y = f.apply(new Variable(x)).data();
        Variable r = new Variable(randomLike(new Random(seed), y));
        return v -> f.apply(v).mul(r).sum();
    }

    /** Backprop against central differences of {@code sum(f(x) * r)}. */
    public static void gradient(UnaryOperator<Variable> f, NdArray x, long seed) {
        GradientCheck.gradientCheck(weighted(f, x, seed), new Variable(x));
    }

    /**
     * Second order: {@code h(x) = sum(grad(sum(f(x) r)) * s)}, its gradient (Hessian times {@code s})
     * by backpropagating through the recorded gradient, against central differences of {@code h}.
     */
    public static void secondOrder(UnaryOperator<Variable> f, NdArray x, long seed) {
        UnaryOperator<Variable> g = weighted(f, x, seed);
        Variable s = new Variable(randomLike(new Random(seed + 1), x));
        UnaryOperator<Variable> h = v -> {
            Variable y = g.apply(v);
            y.backward(Backward.CREATE_GRAPH);
            Variable gx = v.grad();
            v.clearGrad();
            return gx.mul(s).sum();
        };
        GradientCheck.gradientCheck(h, new Variable(x), 1e-4, 1e-5);
    }

    /**
     * Forward mode: the jvp value equals {@code f(x)}; the tangent {@code J v} matches central
     * differences along {@code v}, and {@code <u, J v> = <J^T u, v>} with the reverse-mode pullback.
     */
    public static void jvp(UnaryOperator<Variable> f, NdArray x, long seed) {
        Random rnd = new Random(seed + 2);
        NdArray v = randomLike(rnd, x);
        Autodiff.Jvp r = Autodiff.jvp(f, new Variable(x), new Variable(v));
        NdArray y = f.apply(new Variable(x)).data();
        assertClose(y, r.value().data(), 1e-13, 1e-13, "jvp value");
        NdArray t = r.tangent().data();
        assertEquals(y.shape(), t.shape(), "tangent shape");
        double eps = 1e-5;
        NdArray yp = f.apply(new Variable(x.add(v.mul(eps)))).data();
        NdArray ym = f.apply(new Variable(x.sub(v.mul(eps)))).data();
        assertClose(yp.sub(ym).div(2 * eps), t, 1e-4, 1e-5, "jvp vs central differences");
        NdArray u = randomLike(rnd, y);
        NdArray gu = Autodiff.vjp(f, new Variable(x)).pullback(new Variable(u)).data();
        double lhs = u.mul(t).sum().item();
        double rhs = gu.mul(v).sum().item();
        assertEquals(lhs, rhs, 1e-10 * (1 + Math.abs(lhs)), "<u, J v> vs <J^T u, v>");
    }

    /** Forward over reverse: {@code H v} of {@code sum(f r)} against central differences of the gradient. */
    public static void hvp(UnaryOperator<Variable> f, NdArray x, long seed) {
        UnaryOperator<Variable> g = weighted(f, x, seed);
        NdArray v = randomLike(new Random(seed + 3), x);
        NdArray hv = Autodiff.hvp(g, new Variable(x), new Variable(v)).data();
        double eps = 1e-5;
        NdArray gp = Autodiff.grad(g, new Variable(x.add(v.mul(eps)))).data();
        NdArray gm = Autodiff.grad(g, new Variable(x.sub(v.mul(eps)))).data();
        assertClose(gp.sub(gm).div(2 * eps), hv, 1e-4, 1e-5, "hvp vs differences of gradients");
    }

    /** In float32: the output and the gradient are float32 and close to the float64 ones. */
    public static void float32(UnaryOperator<Variable> f, NdArray x) {
        Variable x64 = new Variable(x);
        Variable x32 = new Variable(x.astype(DType.FLOAT32));
        Variable y64 = f.apply(x64);
        Variable y32 = f.apply(x32);
        assertEquals(DType.FLOAT32, y32.dtype(), "float32 output dtype");
        assertClose(y64.data(), y32.data(), 1e-4, 1e-5, "float32 output");
        y64.sum().backward();
        y32.sum().backward();
        assertNotNull(x32.grad(), "float32 gradient");
        assertEquals(DType.FLOAT32, x32.grad().dtype(), "float32 gradient dtype");
        assertClose(x64.grad().data(), x32.grad().data(), 1e-3, 1e-4, "float32 gradient");
    }

    /**
     * The checks of a function of several inputs, all varied at once (float64; int64 inputs such as
     * labels and ids are passed as they are and not varied): first and second order by
     * {@link GradientCheck#gradientCheck(Function, Variable[], double, double, boolean)} of
     * {@code sum(f(xs) * r)} for a fixed random {@code r}; forward mode with a tangent on every floating
     * input: its value equals {@code f(xs)}, its tangent {@code sum_i J_i v_i} matches central
     * differences along all {@code v_i} together and satisfies {@code <u, sum_i J_i v_i> = sum_i <J_i^T u, v_i>}
     * with the reverse-mode gradients.
     */
    public static void checkJoint(Function<Variable[], Variable> f, NdArray[] inputs, long seed) {
        int n = inputs.length;
        Random rnd = new Random(seed);
        NdArray y = f.apply(variables(inputs)).data();
        Variable r = new Variable(randomLike(rnd, y));
        GradientCheck.gradientCheck(xs -> f.apply(xs).mul(r).sum(), variables(inputs), 1e-4, 1e-5, true);

        Variable[] xs = variables(inputs);
        NdArray[] v = new NdArray[n];
        java.util.List<Variable> fx = new java.util.ArrayList<>();
        java.util.List<Variable> fv = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (inputs[i].dtype().isFloating()) {
                v[i] = randomLike(rnd, inputs[i]);
                fx.add(xs[i]);
                fv.add(new Variable(v[i]));
            }
        }
        Autodiff.Jvp j = Autodiff.jvp(() -> f.apply(xs), fx.toArray(new Variable[0]), fv.toArray(new Variable[0]));
        assertClose(y, j.value().data(), 1e-13, 1e-13, "joint jvp value");
        NdArray t = j.tangent().data();
        assertEquals(y.shape(), t.shape(), "joint tangent shape");
        double eps = 1e-5;
        NdArray[] plus = new NdArray[n];
        NdArray[] minus = new NdArray[n];
        for (int i = 0; i < n; i++) {
            plus[i] = v[i] == null ? inputs[i] : inputs[i].add(v[i].mul(eps));
            minus[i] = v[i] == null ? inputs[i] : inputs[i].sub(v[i].mul(eps));
        }
        NdArray diff = f.apply(variables(plus)).data().sub(f.apply(variables(minus)).data()).div(2 * eps);
        assertClose(diff, t, 1e-4, 1e-5, "joint jvp vs central differences");
        NdArray u = randomLike(rnd, y);
        Variable[] ys = variables(inputs);
        Variable[] gs = Autodiff.grad(f.apply(ys).mul(new Variable(u)), ys);
        double lhs = u.mul(t).sum().item();
        double rhs = 0;
        for (int i = 0; i < n; i++) {
            if (v[i] != null) {
                rhs += gs[i].data().mul(v[i]).sum().item();
            }
        }
        assertEquals(lhs, rhs, 1e-10 * (1 + Math.abs(lhs)), "joint <u, J v> vs sum of <J_i^T u, v_i>");
    }

    private static Variable[] variables(NdArray[] a) {
        Variable[] out = new Variable[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = new Variable(a[i]);
        }
        return out;
    }

    /** Elementwise {@code |a - b| <= atol + rtol |a|}, with the first differing values in the message. */
    public static void assertClose(NdArray expected, NdArray actual, double rtol, double atol, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.astype(DType.FLOAT64).toDoubleArray();
        double[] a = actual.astype(DType.FLOAT64).toDoubleArray();
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]))) {
                if (count++ < 5) {
                    sb.append(" [").append(i).append("] expected ").append(e[i]).append(" got ").append(a[i]);
                }
            }
        }
        int bad = count;
        assertTrue(bad == 0, () -> what + ": " + bad + " of " + e.length + " differ:" + sb + " (expected "
                + Arrays.toString(Arrays.copyOf(e, Math.min(e.length, 8))) + "...)");
    }

    /** Close to float64 rounding (the forward values against NumPy). */
    public static void assertClose(NdArray expected, NdArray actual, String what) {
        assertClose(expected, actual, 1e-12, 1e-14, what);
    }
}
