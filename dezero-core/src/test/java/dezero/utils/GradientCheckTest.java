package dezero.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.BinaryFunction;
import dezero.Config;
import dezero.UnaryFunction;
import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assertTrue(m.startsWith("gradientCheck: input 0: 2 of 2 elements differ (rtol 0.000100000, atol 1.00000e-05);"
                + " inputs of shapes (2,); first ones:"), m);
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

    /** {@code x0 * x1} whose backward gives {@code 2 gy x0} to x1 (wrong) and the right one to x0. */
    static final class WrongSecondInputMul extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x0, NdArray x1) {
            return x0.mul(x1);
        }

        @Override
        protected Variable[] backward(Variable gy) {
            return new Variable[] {gy.mul(input1()), gy.mul(input0()).mul(2.0)};
        }
    }

    /**
     * {@code x0 * x1} whose backward is right in value but computed from detached data: its first
     * derivatives pass, its second derivatives are zero (the classic bug of a backward on arrays).
     */
    static final class DetachedBackwardMul extends BinaryFunction {
        @Override
        protected NdArray forward(NdArray x0, NdArray x1) {
            return x0.mul(x1);
        }

        @Override
        protected Variable[] backward(Variable gy) {
            return new Variable[] {gy.mul(input1().detach()), gy.mul(input0().detach())};
        }
    }

    private static Variable randn(Random rnd, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return new Variable(NdArray.of(v, dims));
    }

    /** The backprop and numerical values the message reports at {@code index}. */
    private static double[] reported(String message, String index) {
        Matcher mt = Pattern.compile("\n  index " + Pattern.quote(index)
                + ": backprop (\\S+), numerical (\\S+)").matcher(message);
        assertTrue(mt.find(), () -> "no index " + index + " in " + message);
        return new double[] {Double.parseDouble(mt.group(1)), Double.parseDouble(mt.group(2))};
    }

    private static void check(Function<Variable[], Variable> f, boolean secondOrder, Variable... xs) {
        GradientCheck.gradientCheck(f, xs, 1e-4, 1e-5, secondOrder);
    }

    @Test
    void severalInputsPassForCorrectFunctionsInBothOrders() {
        Random rnd = new Random(3);
        for (boolean second : new boolean[] {false, true}) {
            // broadcasting mul, div, matmul, a composite of three inputs
            check(xs -> F.mul(xs[0], xs[1]), second, randn(rnd, 2, 3), randn(rnd, 3));
            check(xs -> F.div(xs[0], xs[1]), second, randn(rnd, 2, 3), Variable.of(new double[] {1.5, -2, 3}));
            check(xs -> F.matmul(xs[0], xs[1]), second, randn(rnd, 2, 3), randn(rnd, 3, 4));
            check(xs -> F.tanh(F.linear(xs[0], xs[1], xs[2])), second, randn(rnd, 4, 3), randn(rnd, 3, 2),
                    randn(rnd, 2));
            check(xs -> F.meanSquaredError(xs[0], xs[1]), second, randn(rnd, 5, 2), randn(rnd, 5, 2));
            // softmax cross entropy of scores and int64 labels: the labels are passed through, not checked
            check(xs -> F.softmaxCrossEntropy(xs[0], xs[1]), second, randn(rnd, 4, 3),
                    Variable.of(new long[] {0, 2, 1, 2}));
        }
    }

    @Test
    void severalInputsLeaveEveryGradientAloneAndWorkInNoGradMode() {
        Variable a = randn(new Random(4), 3);
        Variable b = randn(new Random(5), 3).mul(1.0);     // an intermediate variable
        try (Config.Scope g = Config.noGrad()) {
            check(xs -> xs[0].mul(xs[1]).sum(), true, a, b);
        }
        assertEquals(null, a.grad());
        assertEquals(null, b.grad());
        assertEquals(DType.FLOAT64, a.dtype());
    }

    @Test
    void aWrongBackwardFailsNamingTheInputTheShapesAndTheValues() {
        Variable a = Variable.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Variable b = Variable.of(new double[][] {{0.5, -1, 2}, {1, 1, 1}});
        AssertionError e = assertThrows(AssertionError.class,
                () -> check(xs -> new WrongSecondInputMul().apply(xs[0], xs[1]), false, a, b));
        String m = e.getMessage();
        // input 0 is right; input 1 gets 2 x0 instead of x0
        assertTrue(m.startsWith("gradientCheck: input 1: 6 of 6 elements differ (rtol 0.000100000, atol 1.00000e-05);"
                + " inputs of shapes (2, 3), (2, 3); first ones:"), m);
        double[] first = reported(m, "(0, 0)");
        assertEquals(2.0, first[0]);
        assertEquals(1.0, first[1], 1e-8);
        double[] last = reported(m, "(1, 2)");
        assertEquals(12.0, last[0]);
        assertEquals(6.0, last[1], 1e-8);
        // the same in the second-order mode: the first order fails first
        String m2 = assertThrows(AssertionError.class,
                () -> check(xs -> new WrongSecondInputMul().apply(xs[0], xs[1]), true, a, b)).getMessage();
        assertTrue(m2.startsWith("gradientCheck: input 1: 6 of 6 elements differ"), m2);
    }

    @Test
    void aBackwardOnDetachedDataPassesFirstOrderAndFailsSecondOrder() {
        Variable a = Variable.of(new double[] {1, 2, 3});
        Variable b = Variable.of(new double[] {-1, 0.5, 4});
        Function<Variable[], Variable> f = xs -> new DetachedBackwardMul().apply(xs[0], xs[1]);
        check(f, false, a, b);
        AssertionError e = assertThrows(AssertionError.class, () -> check(f, true, a, b));
        String m = e.getMessage();
        // h = sum(g0 d0 + g1 d1) = sum(x1 d0 + x0 d1): dh/dx0 = d1 (numerically), 0 by the detached backward
        Random rnd = new Random(0);                    // the directions: d0 (3 values) then d1
        for (int k = 0; k < 3; k++) {
            rnd.nextGaussian();
        }
        double d10 = rnd.nextGaussian();
        assertTrue(m.startsWith("gradientCheck (2nd order: gradient of sum(grad * d)): input 0: 3 of 3 elements"
                + " differ (rtol 0.000100000, atol 1.00000e-05); inputs of shapes (3,), (3,); first ones:"), m);
        double[] r = reported(m, "(0,)");
        assertEquals(0.0, r[0]);
        assertEquals(d10, r[1], 1e-8);
    }

    @Test
    void theRightFunctionOfTheSameShapesPassesSecondOrder() {
        // the counterpart of the test above: Mul's backward is recorded, so the second order matches
        check(xs -> xs[0].mul(xs[1]), true, Variable.of(new double[] {1, 2, 3}), Variable.of(new double[] {-1, 0.5, 4}));
    }

    @Test
    void aWrongUnaryBackwardFailsTheSecondOrderThroughItsGradient() {
        // WrongCube's backward (6 x^2 gy) fails already at first order; in the second-order mode too
        String m = assertThrows(AssertionError.class, () -> check(xs -> new WrongCube().apply(xs[0]), true,
                Variable.of(new double[] {1, 2}))).getMessage();
        assertTrue(m.startsWith("gradientCheck: input 0: 2 of 2 elements differ"), m);
    }
}
