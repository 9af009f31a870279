package dezero.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.UnaryFunction;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
    /** A function whose backward is wrong by a factor of 2 on purpose. */
    static final class WrongCube extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.pow(3);
        }

        @Override
        protected Variable backward(Variable gy) {
            return input().mul(input()).mul(6.0).mul(gy);
        }
    }

    @Test
    void numericalDiffOfASquare() {
        NdArray d = GradientCheck.numericalDiff(v -> v.mul(v), new Variable(NdArray.of(new double[] {2, -1})));
        assertEquals(4.000000000004, d.get(0));
        assertEquals(-2.0, d.get(1), 1e-10);
    }

    @Test
    void numericalGradOfAWeightedSum() {
        Variable w = new Variable(NdArray.of(new double[][] {{1, 2}, {3, 4}}));
        NdArray g = GradientCheck.numericalGrad(v -> v.mul(w), new Variable(NdArray.zeros(2, 2)));
        assertTrue(g.allclose(w.data(), 1e-9, 1e-9), g.toString());
    }

    @Test
    void passesACorrectBackward() {
        GradientCheck.gradientCheck(v -> v.pow(3).sum(), new Variable(NdArray.of(new double[] {0.5, -1, 2})));
    }

    @Test
    void failsAWrongBackwardWithTheFirstDifferingValues() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientCheck.gradientCheck(v -> new WrongCube().apply(v),
                        new Variable(NdArray.of(new double[] {1, 2}))));
        String m = e.getMessage();
        assertTrue(m.startsWith("gradientCheck: 2 of 2 elements differ"), m);
        assertTrue(m.contains("index (0,): backprop 6.0000000000000000, numerical 3.0000000"), m);
    }

    @Test
    void checksInFloat64WhateverTheInputDtype() {
        Variable x32 = new Variable(NdArray.of(new float[] {0.5f, 1.5f}));
        GradientCheck.gradientCheck(v -> {
            assertEquals(DType.FLOAT64, v.dtype());
            return v.mul(v).sum();
        }, x32);
        assertEquals(null, x32.grad(), "the input variable is not changed");
    }

    @Test
    void aFunctionIndependentOfXHasAZeroGradient() {
        Variable c = new Variable(NdArray.of(1.0));
        GradientCheck.gradientCheck(v -> c.mul(2.0), new Variable(NdArray.of(3.0)));
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientCheck.gradientCheck(v -> new WrongConstant().apply(v), new Variable(NdArray.of(3.0))));
        assertTrue(e.getMessage().contains("backprop 1.0000000000000000, numerical 0.0000000000000000"), e.getMessage());
    }

    /** A constant function whose backward wrongly passes the gradient through. */
    static final class WrongConstant extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return NdArray.onesLike(x);
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy;
        }
    }
}
