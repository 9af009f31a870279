package dezero.functions;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dezero.Autodiff;
import dezero.Backward;
import dezero.Config;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backward pass without a graph of the gradient (where the Variable operations compute directly on
 * the arrays, no function made) gives the bits of the same pass with {@link Backward#CREATE_GRAPH} and
 * in anomaly mode (where every operation is a function), here through linear (matmul, transpose,
 * sumTo) and softmaxCrossEntropy; forward mode over it still differentiates the backward pass.
 */
class ArrayBackwardTest {
    private static void assertSameBits(NdArray expected, NdArray actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what);
        assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what);
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]), what + " at " + i + ": "
                    + e[i] + " vs " + a[i]);
        }
    }

    /** The gradients of {@code f} at the inputs, by a plain backward pass, or with the gradient's graph. */
    private static NdArray[] grads(Function<Variable[], Variable> f, NdArray[] xs, boolean createGraph) {
        Variable[] vs = new Variable[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = new Variable(xs[i]);
        }
        Variable y = f.apply(vs);
        if (createGraph) {
            y.backward(Backward.CREATE_GRAPH);
        } else {
            y.backward();
        }
        NdArray[] g = new NdArray[xs.length];
        for (int i = 0; i < xs.length; i++) {
            g[i] = vs[i].grad() == null ? null : vs[i].grad().data();
        }
        return g;
    }

    private static void assertSameGrads(Function<Variable[], Variable> f, NdArray[] xs, String what) {
        NdArray[] plain = grads(f, xs, false);
        NdArray[] graph = grads(f, xs, true);
        NdArray[] anomaly;
        try (var a = Config.detectAnomaly()) {
            anomaly = grads(f, xs, false);
        }
        for (int i = 0; i < xs.length; i++) {
            assertNotNull(plain[i], what + ": gradient " + i);
            assertSameBits(graph[i], plain[i], what + ": gradient " + i + " on arrays vs with CREATE_GRAPH");
            assertSameBits(graph[i], anomaly[i], what + ": gradient " + i + " in anomaly mode");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT64", "FLOAT32"})
    void linearBackwardOnArraysEqualsTheComposition(DType dt) {
        RandomState rs = new RandomState(5);
        NdArray x = rs.randn(7, 4).astype(dt);
        NdArray w = rs.randn(4, 3).astype(dt);
        NdArray b = rs.randn(3).astype(dt);
        NdArray c = rs.randn(7, 3).astype(dt);
        assertSameGrads(v -> F.linear(v[0], v[1], v[2]).mul(new Variable(c)).sum(), new NdArray[] {x, w, b}, "linear " + dt);
        assertSameGrads(v -> F.linear(v[0], v[1], null).mul(new Variable(c)).sum(), new NdArray[] {x, w}, "linear no bias " + dt);
        // a constant input (a batch of data) gets no gradient on either path
        Variable wv = new Variable(w);
        Variable y = F.linear(Variable.constant(x), wv, null).sum();
        y.backward();
        assertNotNull(wv.grad());
        NdArray gw = wv.grad().data();
        wv.clearGrad();
        F.linear(Variable.constant(x), wv, null).sum().backward(Backward.CREATE_GRAPH);
        assertSameBits(wv.grad().data(), gw, "linear W with a constant x");
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT64", "FLOAT32"})
    void softmaxCrossEntropyBackwardOnArraysEqualsTheComposition(DType dt) {
        RandomState rs = new RandomState(6);
        NdArray x = rs.randn(9, 4).mul(3.0).astype(dt);
        NdArray t = NdArray.of(new long[] {0, 3, 1, 1, 2, 0, 3, 2, 2});
        assertSameGrads(v -> F.softmaxCrossEntropy(v[0], t), new NdArray[] {x}, "softmaxCrossEntropy " + dt);
        // the loss scaled: the incoming gradient is not 1
        assertSameGrads(v -> F.softmaxCrossEntropy(v[0], t).mul(2.5), new NdArray[] {x}, "2.5 softmaxCrossEntropy " + dt);
        Variable xv = new Variable(x);
        F.softmaxCrossEntropy(Variable.constant(x), t).backward();
        assertNull(xv.grad());
    }

    /** Forward over reverse (a Hessian-vector product) differentiates the backward pass: no array shortcut there. */
    @ParameterizedTest
    @EnumSource(names = {"FLOAT64"})
    void forwardOverReverseStillDifferentiatesTheBackward(DType dt) {
        RandomState rs = new RandomState(7);
        NdArray x = rs.randn(3, 4).astype(dt);
        NdArray v = rs.randn(3, 4).astype(dt);
        NdArray t = NdArray.of(new long[] {1, 0, 2});
        NdArray w = rs.randn(4, 3).astype(dt);
        UnaryOperator<Variable> loss = a -> F.softmaxCrossEntropy(F.linear(a, new Variable(w).mul(a.sum()), null), t);
        Variable hv = Autodiff.hvp(loss, new Variable(x), new Variable(v));
        // central differences of the gradient along v
        double h = 1e-5;
        NdArray gp = grads(a -> loss.apply(a[0]), new NdArray[] {x.add(v.mul(h))}, false)[0];
        NdArray gm = grads(a -> loss.apply(a[0]), new NdArray[] {x.sub(v.mul(h))}, false)[0];
        assertClose(gp.sub(gm).div(2 * h), hv.data(), 1e-6, 1e-8, "hvp through linear and softmaxCrossEntropy");
    }
}
