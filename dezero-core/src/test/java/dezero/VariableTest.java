package dezero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** The Variable and the backward engine. */
class VariableTest {
    private static Variable scalar(double v) {
        return new Variable(NdArray.of(v));
    }

    private static double item(Variable v) {
        return v.data().item();
    }

    /** A user-defined function, as the book writes them. */
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

    /** A function with two outputs, through the general base: (x + y, x * y). */
    static final class SumAndProduct extends Function {
        @Override
        protected NdArray[] forward(NdArray... xs) {
            return new NdArray[] {xs[0].add(xs[1]), xs[0].mul(xs[1])};
        }

        @Override
        protected Variable[] backward(Variable... gys) {
            Variable x = input(0);
            Variable y = input(1);
            return new Variable[] {gys[0].add(gys[1].mul(y)), gys[0].add(gys[1].mul(x))};
        }
    }

    @Test
    void accessorsAndPrinting() {
        Variable x = new Variable(NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), "x");
        assertEquals("x", x.name());
        assertEquals(Shape.of(2, 3), x.shape());
        assertEquals(2, x.ndim());
        assertEquals(6, x.size());
        assertEquals(2, x.length());
        assertEquals(DType.FLOAT64, x.dtype());
        assertEquals("variable([[1. 2. 3.]\n          [4. 5. 6.]])", x.toString());
        assertEquals("variable(null)", new Variable(null).toString());
        assertThrows(IllegalArgumentException.class, () -> scalar(1).length());
        x.setData(NdArray.of(2.0));
        assertEquals("variable(2.0)", x.toString());
    }

    @Test
    void factoriesWrapJavaNumbersAndArraysAsNdArrayOfDoes() {
        Variable a = Variable.of(0.5);
        assertEquals(DType.FLOAT64, a.dtype());
        assertEquals(0, a.ndim());
        assertEquals(0.5, item(a));
        assertNull(a.creator());
        assertNull(a.grad());
        Variable f = Variable.of(0.25f);
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals(0.25, item(f));
        Variable i = Variable.of(3);                       // an int literal is int64, as NdArray.of(3)
        assertEquals(DType.INT64, i.dtype());
        assertEquals(3.0, item(i));
        assertEquals("variable([1. 2. 3.])", Variable.of(new double[] {1, 2, 3}).toString());
        Variable m = Variable.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertEquals(Shape.of(3, 2), m.shape());
        assertEquals(DType.FLOAT64, m.dtype());
        assertEquals(4.0, m.data().get(1, 1));
        assertEquals(DType.FLOAT32, Variable.of(new float[] {1, 2}).dtype());
        assertEquals(Shape.of(1, 2), Variable.of(new float[][] {{1, 2}}).shape());
        assertEquals(DType.INT64, Variable.of(new long[] {7, 8}).dtype());
        assertEquals(8.0, Variable.of(new int[] {7, 8}).data().get(1));
        // the values are copied: changing the Java array later changes nothing
        double[] src = {1, 2};
        Variable c = Variable.of(src);
        src[0] = 100;
        assertEquals(1.0, c.data().get(0));
        // a scalar on the left, as the issue writes it: 2 - x and its gradient
        Variable x = Variable.of(0.5);
        Variable y = Variable.of(2.0).sub(x);
        y.backward();
        assertEquals(1.5, item(y));
        assertEquals(-1.0, item(x.grad()));
    }

    @Test
    void ofObjectTakesTheSameValuesAtRunTime() {
        Object[] values = {0.5, 0.25f, 3, 3L, (short) 3, (byte) 3, new double[] {1, 2}, new double[][] {{1}, {2}},
            new float[] {1, 2}, new float[][] {{1, 2}}, new long[] {1, 2}, new int[] {1, 2}};
        String[] expected = {"variable(0.5)", "variable(0.25)", "variable(3)", "variable(3)", "variable(3)",
            "variable(3)", "variable([1. 2.])", "variable([[1.]\n          [2.]])", "variable([1. 2.])",
            "variable([[1. 2.]])", "variable([1 2])", "variable([1 2])"};
        DType[] dtypes = {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT64, DType.INT64, DType.INT64,
            DType.FLOAT64, DType.FLOAT64, DType.FLOAT32, DType.FLOAT32, DType.INT64, DType.INT64};
        for (int k = 0; k < values.length; k++) {
            Variable v = Variable.of(values[k]);
            assertEquals(expected[k], v.toString(), values[k].getClass().getTypeName());
            assertEquals(dtypes[k], v.dtype(), values[k].getClass().getTypeName());
        }
        NdArray d = NdArray.arange(6).reshape(2, 3);
        Object boxed = d;
        assertSame(d, Variable.of(boxed).data(), "an NdArray is held as the constructor holds it");
    }

    @Test
    void anythingElseIsRefusedWithTheTypeInTheMessage() {
        // the seed's step 9: DeZero raises "TypeError: <class 'float'> is not supported" for non-arrays
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variable.of((Object) "1.0"));
        assertEquals("Variable.of: java.lang.String is not supported (give an NdArray, a Java number, or a"
                + " double[], double[][], float[], float[][], long[] or int[])", e.getMessage());
        Object[] refused = {Boolean.TRUE, new java.math.BigDecimal("1.5"), new Object[] {1.0}, new int[][] {{1}},
            java.util.List.of(1.0), scalar(1), 'c'};
        String[] names = {"java.lang.Boolean", "java.math.BigDecimal", "java.lang.Object[]", "int[][]",
            java.util.List.of(1.0).getClass().getTypeName(), "dezero.Variable", "java.lang.Character"};
        for (int k = 0; k < refused.length; k++) {
            Object v = refused[k];
            String m = assertThrows(IllegalArgumentException.class, () -> Variable.of(v)).getMessage();
            assertTrue(m.startsWith("Variable.of: " + names[k] + " is not supported"), m);
        }
        String m = assertThrows(IllegalArgumentException.class, () -> Variable.of((Object) null)).getMessage();
        assertTrue(m.startsWith("Variable.of: null is not supported") && m.contains("new Variable(null)"), m);
        // null data itself is allowed, as in DeZero: a variable whose data is set later
        Variable later = new Variable(null);
        assertNull(later.data());
    }

    @Test
    void detachSharesTheDataAndStopsTheGradient() {
        Variable x = Variable.of(new double[] {1, 2, 3});
        x.setName("x");
        Variable y = x.mul(x);                         // y = x^2
        Variable d = y.detach();
        assertSame(y.data(), d.data(), "the data is shared, not copied");
        assertNull(d.creator());
        assertEquals(0, d.generation());
        assertNull(d.grad());
        assertNull(d.name());
        // z = y * detach(y): dz/dx = detach(y) * dy/dx = x^2 * 2x (the detached factor is a constant)
        Variable z = y.mul(d).sum();
        z.backward();
        assertEquals("variable([ 2. 16. 54.])", x.grad().toString());
        assertEquals("variable([1. 4. 9.])", d.grad().toString(), "the detached variable is a leaf of z's graph");
        // through the detached variable alone, nothing reaches x
        x.clearGrad();
        d.clearGrad();
        d.mul(3.0).sum().backward();
        assertNull(x.grad());
        assertEquals("variable([3. 3. 3.])", d.grad().toString());
        // a variable with a gradient: the detached one does not carry it
        assertNull(x.detach().grad());
        assertNull(new Variable(null).detach().data());
    }

    @Test
    void capitalTIsTheTransposeWithItsGradient() {
        Variable x = Variable.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Variable t = x.T();
        assertEquals(Shape.of(3, 2), t.shape());
        assertEquals("variable([[1. 4.]\n          [2. 5.]\n          [3. 6.]])", t.toString());
        assertEquals("Transpose", t.creator().name());
        // d/dx sum(T(x) * w) = T(w)
        Variable w = Variable.of(new double[][] {{10, 20}, {30, 40}, {50, 60}});
        t.mul(w).sum().backward();
        assertEquals("variable([[10. 30. 50.]\n          [20. 40. 60.]])", x.grad().toString());
        // 3-d: all axes reversed, as NumPy's x.T
        Variable c = new Variable(NdArray.arange(24).astype(DType.FLOAT64).reshape(2, 3, 4));
        Variable ct = c.T();
        assertEquals(Shape.of(4, 3, 2), ct.shape());
        assertEquals(c.data().get(1, 2, 3), ct.data().get(3, 2, 1));
        ct.mul(Variable.of(2.0)).sum().backward();
        assertTrue(c.grad().data().allclose(NdArray.full(2.0, 2, 3, 4), 0, 0), c.grad().toString());
        // 1-d and 0-d are unchanged
        assertEquals("variable([1. 2.])", Variable.of(new double[] {1, 2}).T().toString());
        assertEquals("variable(5.0)", Variable.of(5.0).T().toString());
    }

    @Test
    void leavesHaveNoCreatorAndOutputsKnowTheirs() {
        Variable x = scalar(2);
        Variable y = new Square().apply(x);
        assertNull(x.creator());
        assertEquals(0, x.generation());
        assertEquals("Square", y.creator().name());
        assertEquals(1, y.generation());
        assertEquals(java.util.List.of(x), y.creator().inputs());
        assertTrue(y.creator().outputs().isEmpty(), "a function of one output does not refer to it");
        Variable[] two = new SumAndProduct().apply(x, x);
        assertEquals(java.util.List.of(two[0], two[1]), two[0].creator().outputs());
    }

    @Test
    void backwardSeedsWithOnesAndKeepsOnlyLeafGradients() {
        Variable x0 = scalar(1);
        Variable x1 = scalar(1);
        Variable t = x0.add(x1);
        Variable y = x0.add(t);
        y.backward();
        assertNull(y.grad());
        assertNull(t.grad());
        assertEquals(2.0, item(x0.grad()));
        assertEquals(1.0, item(x1.grad()));
    }

    @Test
    void retainGradKeepsIntermediateGradients() {
        Variable x0 = scalar(1);
        Variable x1 = scalar(1);
        Variable t = x0.add(x1);
        Variable y = x0.add(t);
        y.backward(Backward.RETAIN_GRAD);
        assertEquals(1.0, item(y.grad()));
        assertEquals(1.0, item(t.grad()));
    }

    @Test
    void givenSeedIsUsed() {
        Variable x = scalar(3);
        Variable y = new Square().apply(x);
        y.setGrad(new Variable(NdArray.of(10.0)));
        y.backward();
        assertEquals(60.0, item(x.grad()));
    }

    @Test
    void gradientsAccumulateUntilCleared() {
        Variable x = scalar(3);
        x.add(x).backward();
        assertEquals(2.0, item(x.grad()));
        x.add(x).add(x).backward();
        assertEquals(5.0, item(x.grad()));
        x.clearGrad();
        x.add(x).add(x).backward();
        assertEquals(3.0, item(x.grad()));
    }

    @Test
    void diamondGraphProcessesEachFunctionOnceInGenerationOrder() {
        // step 16: a = x^2, y = a^2 + a^2 -> dy/dx = 16 x^3
        Variable x = scalar(2);
        Variable a = new Square().apply(x);
        Variable y = new Square().apply(a).add(new Square().apply(a));
        y.backward();
        assertEquals(32.0, item(y));
        assertEquals(64.0, item(x.grad()));
    }

    @Test
    void generalFunctionWithTwoOutputs() {
        Variable x = scalar(3);
        Variable y = scalar(4);
        Variable[] out = new SumAndProduct().apply(x, y);
        assertEquals(7.0, item(out[0]));
        assertEquals(12.0, item(out[1]));
        out[0].mul(out[1]).backward(); // d/dx (x+y)xy = xy + (x+y)y = 12 + 28
        assertEquals(40.0, item(x.grad()));
        assertEquals(33.0, item(y.grad()));
        Variable x2 = scalar(3);
        Variable[] only = new SumAndProduct().apply(x2, scalar(4));
        only[1].backward(); // the unused first output contributes zeros
        assertEquals(4.0, item(x2.grad()));
    }

    @Test
    void aFunctionInstanceIsAppliedOnce() {
        Square f = new Square();
        f.apply(scalar(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.apply(scalar(2)));
        assertTrue(e.getMessage().contains("Square"), e.getMessage());
    }

    @Test
    void backwardRejectsAGradientOfTheWrongShape() {
        UnaryFunction bad = new UnaryFunction() {
            @Override
            protected NdArray forward(NdArray x) {
                return x.sum();
            }

            @Override
            protected Variable backward(Variable gy) {
                return gy;
            }
        };
        Variable x = new Variable(NdArray.ones(3));
        Variable y = bad.apply(x);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("(3,)"), e.getMessage());
    }

    @Test
    void inputWithoutDataIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Variable(null, "W").add(scalar(1)));
        assertTrue(e.getMessage().contains("'W'"), e.getMessage());
    }

    @Test
    void createGraphMakesTheGradientDifferentiable() {
        // step 33: f = x^4 - 2x^2, f' = 4x^3 - 4x, f'' = 12x^2 - 4
        Variable x = scalar(2);
        Variable y = x.pow(4).sub(x.pow(2).mul(2));
        y.backward(Backward.CREATE_GRAPH);
        Variable gx = x.grad();
        assertEquals(24.0, item(gx));
        assertNotNull(gx.creator(), "the gradient has a graph");
        x.clearGrad();
        gx.backward();
        assertEquals(44.0, item(x.grad()));
    }

    @Test
    void withoutCreateGraphTheGradientHasNoCreator() {
        Variable x = scalar(2);
        x.pow(3).backward();
        assertNull(x.grad().creator());
    }

    @Test
    void noGradRecordsNothing() {
        Variable x = scalar(2);
        Variable y;
        try (Config.Scope g = Config.noGrad()) {
            assertTrue(!Config.isGradEnabled());
            y = new Square().apply(x);
        }
        assertTrue(Config.isGradEnabled());
        assertNull(y.creator());
        assertEquals(4.0, item(y));
        y.backward();
        assertNull(x.grad());
    }

    @Test
    void unchainBackwardCutsTheGraphBehind() {
        Variable x = scalar(2);
        Variable a = x.mul(3.0);
        Variable b = a.add(1.0);
        Variable y = b.mul(b);
        y.unchainBackward();
        assertNotNull(y.creator());
        assertNull(b.creator());
        assertNull(a.creator());
        y.backward();
        assertEquals(14.0, item(b.grad()));
        assertNull(x.grad());
        Variable z = scalar(5).mul(2.0);
        z.unchain();
        assertNull(z.creator());
    }

    @Test
    void functionsHoldTheirOutputsWeakly() {
        Variable x = scalar(2);
        Variable y = new Square().apply(x);
        Function f = y.creator();
        WeakReference<Variable> ref = new WeakReference<>(y);
        y = null;
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), "the output is collected once the user drops it");
        assertTrue(f.outputs().isEmpty());
    }

    @Test
    void droppedGraphsAreCollected() {
        // step 17: a graph the user no longer references is freed (no reference cycle keeps it)
        Variable x = new Variable(NdArray.zeros(1000));
        WeakReference<Function> creator = null;
        for (int i = 0; i < 10; i++) {
            Variable y = new Square().apply(new Square().apply(x));
            creator = new WeakReference<>(y.creator());
        }
        for (int i = 0; i < 50 && creator.get() != null; i++) {
            System.gc();
        }
        assertNull(creator.get());
    }

    @Test
    void aMillionFunctionChainBackpropagatesWithoutRecursion() {
        Variable x = scalar(1);
        Variable y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.add(0.0);
        }
        y.backward();
        assertEquals(1.0, item(x.grad()));
        assertEquals(1_000_000, y.generation());
    }

    @Test
    void gradientsOfFloat32StayFloat32() {
        Variable x = new Variable(NdArray.of(0.5f));
        Variable y = x.mul(x).add(1.0).mul(3.0);
        y.backward();
        assertEquals(DType.FLOAT32, y.dtype());
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertEquals(3.0f, (float) x.grad().data().item());
    }

    @Test
    void gradientIsAVariableSharedWithoutCopy() {
        Variable x = scalar(3);
        Variable y = x.add(1.0);
        y.backward();
        assertSame(NdArray.class, x.grad().data().getClass());
        assertEquals("variable(1.0)", x.grad().toString());
    }

    @Test
    void parameterIsAVariable() {
        Parameter p = new Parameter(NdArray.of(2.0), "W");
        Variable y = p.mul(p);
        y.backward();
        assertEquals(4.0, item(p.grad()));
        assertEquals("W", p.name());
        Parameter later = new Parameter(null);
        assertNull(later.data());
        later.setData(NdArray.ones(2));
        assertEquals(Shape.of(2), later.shape());
    }
}
