package dezero.functions;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Autodiff;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.testutil.DiffChecks;
import dezero.testutil.Fixtures;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused functions (softmaxCrossEntropy, logSoftmax, softmax, sigmoid, sigmoidCrossEntropy,
 * linear) are finite and right at extreme inputs (values computed in closed form with NumPy), and
 * equal their plain compositions at moderate inputs: values, gradients and Hessian-vector products.
 */
class FusedStabilityTest {
    private static Map<String, NdArray> fx(String name) {
        return Fixtures.load("faudit", name);
    }

    private static void assertFinite(NdArray a, String what) {
        for (double v : a.astype(DType.FLOAT64).toDoubleArray()) {
            assertTrue(Double.isFinite(v), () -> what + " is not finite: " + a);
        }
    }

    /** The value, the gradient and a Hessian-vector product of {@code sum(f(x) * r)}. */
    private static NdArray[] valueGradHvp(UnaryOperator<Variable> f, NdArray x, long seed) {
        Random rnd = new Random(seed);
        NdArray y = f.apply(new Variable(x)).data();
        Variable r = new Variable(DiffChecks.randn(rnd, y.shape().dims()).astype(x.dtype()));
        UnaryOperator<Variable> g = v -> f.apply(v).mul(r).sum();
        Variable xv = new Variable(x);
        f.apply(xv).mul(r).sum().backward();
        NdArray v = DiffChecks.randn(rnd, x.shape().dims()).astype(x.dtype());
        NdArray hv = Autodiff.hvp(g, new Variable(x), new Variable(v)).data();
        return new NdArray[] {y, xv.grad().data(), hv};
    }

    private static void assertSameFunction(UnaryOperator<Variable> fused, UnaryOperator<Variable> plain, NdArray x,
            double rtol, double atol, String what) {
        NdArray[] a = valueGradHvp(fused, x, 42);
        NdArray[] b = valueGradHvp(plain, x, 42);
        assertEquals(x.dtype(), a[0].dtype(), what + ": dtype");
        assertEquals(x.dtype(), a[1].dtype(), what + ": gradient dtype");
        assertClose(b[0], a[0], rtol, atol, what + ": value");
        assertClose(b[1], a[1], rtol, atol, what + ": gradient");
        assertClose(b[2], a[2], rtol * 10, atol * 10, what + ": Hessian-vector product");
    }

    // ---------------------------------------------------------------- softmax cross entropy

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void softmaxCrossEntropyAtLogitsOf1000And1e4(DType dtype) {
        Map<String, NdArray> c = fx("softmax_cross_entropy_extreme");
        double tol = dtype == DType.FLOAT64 ? 1e-14 : 1e-6;
        Variable x = new Variable(c.get("x").astype(dtype));
        Variable y = F.softmaxCrossEntropy(x, c.get("t"));
        y.backward();
        assertEquals(dtype, y.dtype());
        assertFinite(y.data(), "loss");
        assertFinite(x.grad().data(), "gradient");
        assertClose(c.get("y"), y.data(), tol, 0, "loss at logits of 1000 and 1e4");
        assertClose(c.get("gx"), x.grad().data(), tol, tol, "gradient at logits of 1000 and 1e4");
        // the loss by hand, row by row: -(x[t] - max) + log(sum(exp(x - max)))
        double byHand = (2000 + (1 + Math.log(2 + Math.exp(-1))) + (2 + Math.log1p(Math.exp(-2))) + Math.log(4)
                + Math.log(4) + Math.log(Math.exp(-1.5) + Math.exp(-2.25) + 1 + Math.exp(-1))) / 6;
        assertEquals(byHand, y.data().item(), byHand * tol);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void logSoftmaxAndSoftmaxAtLogitsOf1000And1e4(DType dtype) {
        Map<String, NdArray> c = fx("softmax_cross_entropy_extreme");
        // x - logsumexp(x) is exact to the rounding of numbers of 1e4: absolute 2e-12 in float64, 1e-3 in float32
        double tol = dtype == DType.FLOAT64 ? 2e-12 : 1e-3;
        Variable x = new Variable(c.get("x").astype(dtype));
        Variable lp = F.logSoftmax(x);
        assertClose(c.get("logp"), lp.data(), tol, tol, "logSoftmax");
        Variable p = F.softmax(x);
        assertClose(c.get("prob"), p.data(), tol, tol, "softmax");
        NdArray r = DiffChecks.randn(new Random(8), 6, 4);
        F.sum(lp.mul(new Variable(r.astype(dtype)))).backward();
        assertFinite(x.grad().data(), "gradient of logSoftmax");
        NdArray prob = c.get("prob");
        assertClose(r.sub(prob.mul(r.sum(new int[] {1}, true))), x.grad().data(), tol, tol,
                "gradient of logSoftmax: r - softmax sum(r)");
        x.clearGrad();
        F.sum(p.mul(new Variable(r.astype(dtype)))).backward();
        assertClose(prob.mul(r.sub(prob.mul(r).sum(new int[] {1}, true))), x.grad().data(), tol, tol,
                "gradient of softmax: p (r - sum(p r))");
    }

    /** {@code -mean(g(x)[arange(N), t])}. */
    private static Variable picked(Variable g, NdArray t) {
        int n = g.shape().dim(0);
        return F.mean(F.getItem(g, Index.of(NdArray.arange(n)), Index.of(t))).neg();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void softmaxCrossEntropyEqualsItsCompositions(long seed) {
        Random rnd = new Random(seed);
        int n = 3 + rnd.nextInt(4);
        int k = 2 + rnd.nextInt(4);
        NdArray x = DiffChecks.randn(rnd, n, k).mul(3);
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(k);
        }
        NdArray t = NdArray.of(labels);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
            NdArray xd = x.astype(dtype);
            assertSameFunction(v -> F.softmaxCrossEntropy(v, t), v -> picked(F.logSoftmax(v), t), xd, tol, tol,
                    "softmaxCrossEntropy vs -mean(logSoftmax(x)[arange(N), t]) " + dtype);
            assertSameFunction(v -> F.softmaxCrossEntropy(v, t), v -> picked(F.log(F.softmax(v)), t), xd, tol, tol,
                    "softmaxCrossEntropy vs -mean(log(softmax(x))[arange(N), t]) " + dtype);
        }
    }

    // ---------------------------------------------------------------- softmax and logSoftmax along every axis

    @Test
    void softmaxAndLogSoftmaxAlongEveryAxis() {
        Map<String, NdArray> c = fx("softmax_axes");
        Variable x = new Variable(c.get("x"));
        for (int a = 0; a < 3; a++) {
            assertClose(c.get("softmax" + a), F.softmax(x, a).data(), "softmax axis " + a);
            assertClose(c.get("logsoftmax" + a), F.logSoftmax(x, a).data(), "logSoftmax axis " + a);
            assertClose(c.get("softmax" + a), F.softmax(x, a - 3).data(), "softmax axis " + (a - 3));
            int axis = a;
            assertSameFunction(v -> F.logSoftmax(v, axis), v -> F.log(F.softmax(v, axis)), c.get("x"), 1e-12, 1e-12,
                    "logSoftmax vs log(softmax) axis " + a);
            assertSameFunction(v -> F.softmax(v, axis),
                    v -> F.exp(v).div(F.broadcastTo(F.sum(F.exp(v), new int[] {axis}, true), v.shape())),
                    c.get("x"), 1e-12, 1e-12, "softmax vs exp(x) / sum(exp(x)) axis " + a);
        }
    }

    // ---------------------------------------------------------------- sigmoid

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void sigmoidAtExtremeInputs(DType dtype) {
        Map<String, NdArray> c = fx("sigmoid_extreme");
        Variable x = new Variable(c.get("x").astype(dtype));
        Variable y = F.sigmoid(x);
        y.sum().backward();
        assertEquals(dtype, y.dtype());
        assertEquals(0.0, y.data().get(0), "sigmoid(-1000) is exactly 0");
        assertEquals(1.0, y.data().get(c.get("x").size() - 1), "sigmoid(1000) is exactly 1");
        assertFinite(y.data(), "sigmoid");
        assertFinite(x.grad().data(), "sigmoid's gradient");
        // the values relative to a few ulp, down to the smallest normal number (e^745 overflows, so
        // sigmoid(-745) gives 0, not 4.9e-324); the gradient y (1 - y) to about one ulp of 1 absolute
        // (1 - y cancels for large x, as in DeZero and PyTorch)
        if (dtype == DType.FLOAT64) {
            assertClose(c.get("y"), y.data(), 1e-15, Double.MIN_NORMAL, "sigmoid to a few ulp, also where it is tiny");
            assertClose(c.get("gy"), x.grad().data(), 1e-15, 1e-16, "sigmoid's gradient");
        } else {
            assertClose(c.get("y"), y.data(), 1e-6, Float.MIN_NORMAL, "sigmoid float32");
            assertClose(c.get("gy"), x.grad().data(), 1e-6, 6e-8, "sigmoid's gradient float32");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void sigmoidEqualsOneOverOnePlusExpMinusX(DType dtype) {
        NdArray x = NdArray.linspace(-30, 30, 61).reshape(61).add(NdArray.linspace(0, 0.5, 61)).astype(dtype);
        UnaryOperator<Variable> plain = v -> F.exp(v.neg()).add(1.0).rdiv(1.0);
        assertEquals(plain.apply(new Variable(x)).data(), F.sigmoid(new Variable(x)).data(), "the same numbers");
        // gradients (weighted by normal numbers): y (1 - y) against exp(-x) / (1 + exp(-x))^2, equal to a few
        // roundings of 1 absolute
        double tol = dtype == DType.FLOAT64 ? 1e-15 : 1e-6;
        double atol = dtype == DType.FLOAT64 ? 1e-15 : 5e-7;
        assertSameFunction(F::sigmoid, plain, x, tol, atol, "sigmoid vs 1 / (1 + exp(-x)) " + dtype);
    }

    // ---------------------------------------------------------------- sigmoid cross entropy, binary cross entropy

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void sigmoidCrossEntropyAtExtremeInputs(DType dtype) {
        Map<String, NdArray> c = fx("sigmoid_cross_entropy_extreme");
        double tol = dtype == DType.FLOAT64 ? 1e-14 : 1e-6;
        Variable x = new Variable(c.get("x").astype(dtype));
        Variable t = new Variable(c.get("t").astype(dtype));
        Variable y = F.sigmoidCrossEntropy(x, t);
        y.backward();
        assertEquals(dtype, y.dtype());
        assertFinite(y.data(), "loss");
        assertFinite(x.grad().data(), "gradient in x");
        assertFinite(t.grad().data(), "gradient in t");
        assertClose(c.get("y"), y.data(), tol, 0, "sigmoidCrossEntropy at logits of 1000 and 1e4");
        assertClose(c.get("gx"), x.grad().data(), tol, tol, "gradient in x");
        assertClose(c.get("gt"), t.grad().data(), tol, tol, "gradient in t");
    }

    /**
     * DeZero's composition: {@code -sum(t log p + (1 - t) log(1 - p)) / len(x)} with
     * {@code p = clip(sigmoid(x), 1e-15, 1)}.
     */
    private static Variable sigmoidCrossEntropyComposed(Variable x, Variable t) {
        Variable p = F.clip(F.exp(x.neg()).add(1.0).rdiv(1.0), 1e-15, 1.0);
        Variable tlogp = t.mul(F.log(p)).add(t.rsub(1.0).mul(F.log(p.rsub(1.0))));
        return F.sum(tlogp).neg().div(x.length());
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void sigmoidCrossEntropyEqualsItsComposition(long seed) {
        Random rnd = new Random(seed);
        // |x| up to about 5: beyond, the composition loses accuracy in float32 (1 - p cancels), the fused form does not
        NdArray x = DiffChecks.randn(rnd, 5, 3).mul(2);
        NdArray t = DiffChecks.randn(rnd, 5, 3).abs().clip(0, 1);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
            Variable td = new Variable(t.astype(dtype));
            NdArray xd = x.astype(dtype);
            assertSameFunction(v -> F.sigmoidCrossEntropy(v, td), v -> sigmoidCrossEntropyComposed(v, td), xd, tol,
                    tol, "sigmoidCrossEntropy vs its composition in x " + dtype);
            Variable xv = new Variable(xd);
            assertSameFunction(u -> F.sigmoidCrossEntropy(xv, u), u -> sigmoidCrossEntropyComposed(xv, u),
                    t.astype(dtype), tol, tol, "sigmoidCrossEntropy vs its composition in t " + dtype);
        }
    }

    @Test
    void sigmoidCrossEntropyReshapesTargets() {
        Variable x = new Variable(NdArray.of(new double[][] {{0.5}, {-2}, {3}}));
        Variable t = new Variable(NdArray.of(new double[] {1, 0, 1}));
        double expected = (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-3))) / 3;
        assertEquals(expected, F.sigmoidCrossEntropy(x, t).data().item(), 1e-15);
    }

    @Test
    void binaryCrossEntropyAtProbabilitiesZeroAndOne() {
        Map<String, NdArray> c = fx("binary_cross_entropy_extreme");
        Variable p = new Variable(c.get("p"));
        Variable t = new Variable(c.get("t"));
        Variable y = F.binaryCrossEntropy(p, t);
        y.backward();
        assertFinite(y.data(), "loss");
        assertFinite(p.grad().data(), "gradient in p");
        assertFinite(t.grad().data(), "gradient in t");
        assertClose(c.get("y"), y.data(), "binaryCrossEntropy (DeZero's clip to [1e-15, 0.999])");
        assertClose(c.get("gp"), p.grad().data(), "gradient in p (zero where the clip binds)");
        assertClose(c.get("gt"), t.grad().data(), "gradient in t");
    }

    // ---------------------------------------------------------------- linear

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void linearEqualsMatmulPlusB(DType dtype) {
        Random rnd = new Random(6);
        NdArray x = DiffChecks.randn(rnd, 4, 3).astype(dtype);
        NdArray w = DiffChecks.randn(rnd, 3, 5).astype(dtype);
        NdArray b = DiffChecks.randn(rnd, 5).astype(dtype);
        Variable wv = new Variable(w);
        Variable bv = new Variable(b);
        Variable xv = new Variable(x);
        assertSameFunction(v -> F.linear(v, wv, bv), v -> F.matmul(v, wv).add(bv), x, 0, 0, "in x");
        assertSameFunction(v -> F.linear(xv, v, bv), v -> F.matmul(xv, v).add(bv), w, 0, 0, "in W");
        assertSameFunction(v -> F.linear(xv, wv, v), v -> F.matmul(xv, wv).add(v), b, 0, 0, "in b");
        assertSameFunction(v -> F.linear(v, wv, null), v -> F.matmul(v, wv), x, 0, 0, "in x, b = null");
        assertSameFunction(v -> F.linear(xv, v, null), v -> F.matmul(xv, v), w, 0, 0, "in W, b = null");
        assertSameFunction(v -> F.linear(v, F.transpose(v), null), v -> F.matmul(v, F.transpose(v)), x, 0, 0,
                "linear(x, x^T) vs matmul(x, x^T)");
    }
}
