package dezero;

import static dezero.testutil.DiffChecks.checkAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.functions.F;
import dezero.layers.Layer;
import dezero.layers.Linear;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.testutil.DiffChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Constants ({@link Variable#constant}): variables that need no gradient. Their gradient is never
 * computed (it stays null) and every other gradient is unchanged, at every order and in forward mode.
 */
class ConstantTest {
    private static final Random RND = new Random(7);

    private static NdArray randn(int... dims) {
        return DiffChecks.randn(RND, dims);
    }

    /** {@code c} as a constant in the floating dtype of {@code v} (so the float32 checks stay float32). */
    private static Variable constantLike(NdArray c, Variable v) {
        return Variable.constant(c.astype(v.dtype()));
    }

    /** The bits of every element. */
    private static long[] bits(Variable v) {
        double[] d = v.data().toDoubleArray();
        long[] b = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = Double.doubleToLongBits(d[i]);
        }
        return b;
    }

    @Test
    void aConstantIsMarkedAndANewVariableIsNot() {
        Variable c = Variable.constant(NdArray.of(2.0));
        assertTrue(c.isConstant());
        assertFalse(new Variable(NdArray.of(2.0)).isConstant());
        assertFalse(new Parameter(NdArray.of(2.0)).isConstant());
        assertEquals(2.0, c.data().item());
    }

    /**
     * The same expression with {@code c} a constant and with {@code c} a variable: the gradients of
     * the other inputs are bit for bit the same, and the constant's stays null.
     */
    @Test
    void theConstantGetsNoGradientAndTheOthersAreUnchanged() {
        NdArray xv = randn(3, 4);
        NdArray cv = randn(4);
        NdArray wv = randn(4, 2);
        BiFunction<Variable, Variable, Variable> f = (x, c) -> {
            Variable h = x.mul(c).add(c).sub(x.div(c.mul(c).add(1.0)));
            return F.tanh(h.matmul(new Variable(wv))).sum().add(c.sum());
        };
        Variable x1 = new Variable(xv);
        Variable c1 = Variable.constant(cv);
        Variable y1 = f.apply(x1, c1);
        y1.backward();
        Variable x2 = new Variable(xv);
        Variable c2 = new Variable(cv);
        Variable y2 = f.apply(x2, c2);
        y2.backward();
        assertEquals(y2.data().item(), y1.data().item());
        assertArrayEquals(bits(x2.grad()), bits(x1.grad()));
        assertNull(c1.grad());
        assertNotNull(c2.grad());
        // the constant on the left of each operation, too
        Variable x3 = new Variable(xv);
        Variable c3 = Variable.constant(cv);
        Variable y3 = c3.mul(x3).add(c3.sub(x3)).div(c3.mul(c3).add(1.0)).sum();
        y3.backward();
        assertNull(c3.grad());
        NdArray expected = cv.sub(NdArray.ones(4)).div(cv.mul(cv).add(1.0)).broadcastTo(3, 4);
        DiffChecks.assertClose(expected, x3.grad().data(), 1e-15, 0, "d/dx (c x + c - x) / (c^2 + 1)");
    }

    @Test
    void aFunctionOfConstantsOnlyIsAConstantAndIsNotRecorded() {
        Variable c = Variable.constant(NdArray.of(new double[] {1, 2}));
        Variable e = F.exp(c);
        assertTrue(e.isConstant());
        assertNull(e.creator());
        Variable s = e.add(c).mul(Variable.constant(NdArray.of(3.0))).matmul(c);
        assertTrue(s.isConstant());
        assertNull(s.creator());
        assertEquals(3 * (Math.exp(1) + 1) + 6 * (Math.exp(2) + 2), s.data().item(), 1e-12);
        // a function of a constant and a variable is recorded and is no constant
        Variable x = new Variable(NdArray.of(new double[] {3, 4}));
        Variable y = x.mul(e).sum();
        assertFalse(y.isConstant());
        assertNotNull(y.creator());
        y.backward();
        assertNull(e.grad());
        assertNull(c.grad());
        assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, x.grad().data().toDoubleArray(), 1e-15);
        // a function of several inputs (Linear) whose inputs are all constants
        Variable l = F.linear(c.reshape(1, 2), Variable.constant(NdArray.ones(2, 3)), Variable.constant(NdArray.ones(3)));
        assertTrue(l.isConstant());
        assertNull(l.creator());
        assertArrayEquals(new double[] {4, 4, 4}, l.data().toDoubleArray());
    }

    @Test
    void inNoGradModeResultsAreOrdinaryVariablesAsInDeZero() {
        Variable c = Variable.constant(NdArray.of(2.0));
        Variable y;
        try (Config.Scope g = Config.noGrad()) {
            y = F.exp(c);
        }
        assertFalse(y.isConstant());
        Variable z = y.mul(3.0);
        z.backward();
        assertEquals(3.0, y.grad().data().item());
        assertNull(c.grad());
    }

    /** A function that reports which inputs need a gradient and still returns one for both. */
    static final class Probe extends BinaryFunction {
        final List<String> asked = new ArrayList<>();

        @Override
        protected NdArray forward(NdArray x0, NdArray x1) {
            return x0.mul(x1);
        }

        @Override
        protected Variable[] backward(Variable gy) {
            asked.add(needsGrad(0) + " " + needsGrad(1));
            return new Variable[] {gy.mul(input1()), gy.mul(input0())};
        }
    }

    @Test
    void backwardIsToldWhichInputsNeedAGradientAndTheEngineIgnoresTheOthers() {
        Variable x = new Variable(NdArray.of(3.0));
        Variable c = Variable.constant(NdArray.of(5.0));
        Probe p = new Probe();
        p.apply(x, c).backward();
        assertEquals(List.of("true false"), p.asked);
        assertEquals(5.0, x.grad().data().item());
        assertNull(c.grad());
        Probe q = new Probe();
        Variable x2 = new Variable(NdArray.of(3.0));
        q.apply(c, x2).backward();
        assertEquals(List.of("false true"), q.asked);
        assertEquals(5.0, x2.grad().data().item());
        assertNull(c.grad());
    }

    /** y = c x^3: dy/dx = 3 c x^2, d2y/dx2 = 6 c x; the constant gets nothing at either order. */
    @Test
    void higherOrderGradientsWithAConstant() {
        Variable x = new Variable(NdArray.of(2.0));
        Variable c = Variable.constant(NdArray.of(5.0));
        Variable y = c.mul(x.pow(3));
        y.backward(Backward.CREATE_GRAPH);
        Variable gx = x.grad();
        assertEquals(60.0, gx.data().item());
        assertNull(c.grad());
        x.clearGrad();
        gx.backward();
        assertEquals(60.0, x.grad().data().item());
        assertNull(c.grad());
        // every check of DiffChecks (gradient, second order, jvp, hvp, float32) with constant operands
        NdArray cv = randn(3, 4);
        NdArray row = randn(4);
        checkAll(v -> v.mul(constantLike(cv, v)).add(constantLike(row, v)).div(v.mul(v).add(1.0)), randn(3, 4), 11);
        checkAll(v -> constantLike(cv, v).sub(v).pow(3).sum(new int[] {0}, false), randn(3, 4), 12);
        checkAll(v -> constantLike(cv, v).matmul(v), randn(4, 2), 13);
        checkAll(v -> v.matmul(constantLike(cv, v)), randn(2, 3), 14);
        NdArray bias = randn(2);
        checkAll(v -> F.linear(constantLike(cv, v), v, constantLike(bias, v)), randn(4, 2), 15);
        checkAll(v -> F.linear(v, constantLike(cv, v).transpose(), null), randn(5, 4), 16);
        checkAll(v -> F.meanSquaredError(v, constantLike(cv, v)), randn(3, 4), 17);
        checkAll(v -> F.meanSquaredError(constantLike(cv, v), v), randn(3, 4), 18);
    }

    @Test
    void forwardModeWithAConstant() {
        Variable x = new Variable(NdArray.of(new double[] {1, 2}));
        Variable c = Variable.constant(NdArray.of(new double[] {3, 4}));
        Autodiff.Jvp r = Autodiff.jvp(v -> F.sin(v.mul(c)).add(c), x, new Variable(NdArray.of(new double[] {1, 1})));
        assertArrayEquals(new double[] {Math.sin(3) + 3, Math.sin(8) + 4}, r.value().data().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {3 * Math.cos(3), 4 * Math.cos(8)}, r.tangent().data().toDoubleArray(),
                1e-15);
    }

    @Test
    void askingForTheGradientOfAConstantIsAnError() {
        Variable c = Variable.constant(NdArray.of(2.0));
        Variable x = new Variable(NdArray.of(3.0));
        Variable y = x.mul(c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Autodiff.grad(y, x, c));
        assertEquals("grad: input 1 is a constant (Variable.constant), which has no gradient; differentiate with"
                + " respect to a new Variable of its data", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autodiff.vjp(F::exp, c));
        assertEquals("vjp: x is a constant (Variable.constant), which has no gradient; differentiate with respect to"
                + " a new Variable of its data", e.getMessage());
        assertEquals(2.0, Autodiff.grad(y, x)[0].data().item());
    }

    /** A layer that remembers its input. */
    static final class Recorder extends Layer {
        final Linear l = addLayer("l", Linear.builder(2).dtype(DType.FLOAT64).random(new RandomState(3)).build());
        Variable seen;

        @Override
        protected Variable forward(Variable x) {
            seen = x;
            return l.apply(x);
        }
    }

    @Test
    void layersAndLossesMakeConstantsOfArrays() {
        NdArray xv = randn(4, 3);
        NdArray t = NdArray.of(new long[] {0, 1, 1, 0});
        Recorder a = new Recorder();
        Variable la = F.softmaxCrossEntropy(a.apply(xv), t);
        assertTrue(a.seen.isConstant());
        la.backward();
        assertNull(a.seen.grad());
        Recorder b = new Recorder();
        Variable xb = new Variable(xv);
        Variable lb = F.softmaxCrossEntropy(b.apply(xb), new Variable(t));
        assertFalse(b.seen.isConstant());
        lb.backward();
        assertNotNull(xb.grad());
        assertEquals(lb.data().item(), la.data().item());
        assertArrayEquals(bits(b.l.W().grad()), bits(a.l.W().grad()));
        assertArrayEquals(bits(b.l.b().grad()), bits(a.l.b().grad()));
        assertSame(DType.FLOAT64, a.l.W().grad().dtype());
    }
}
