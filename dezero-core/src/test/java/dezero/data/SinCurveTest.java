package dezero.data;

import static dezero.data.Fixtures.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.ndarray.Shape;
import org.junit.jupiter.api.Test;

class SinCurveTest {

    /**
     * Asserts a (999, 1) input and target made of {@code y[:-1]} and {@code y[1:]}. NumPy's float64
     * sin and cos (SIMD kernels) and Java's differ in the last bit for a few arguments, so the
     * values may differ by {@code 2^-52} (the ulp of 1.0, i.e. one or two ulps of values of
     * magnitude about 1); everything else about the series (grid, noise stream, shifts) is exact.
     */
    private static void assertSeries(NdArray y, SinCurve s) {
        assertEquals(DType.FLOAT64, s.data().dtype());
        assertEquals(Shape.of(999, 1), s.data().shape());
        assertEquals(Shape.of(999, 1), s.label().shape());
        double[] e = y.toDoubleArray();
        double[] x = s.data().toDoubleArray();
        double[] t = s.label().toDoubleArray();
        double tol = Math.ulp(1.0);
        int exact = 0;
        for (int i = 0; i < 999; i++) {
            assertTrue(Math.abs(e[i] - x[i]) <= tol, "x[" + i + "]: " + e[i] + " vs " + x[i]);
            assertTrue(Math.abs(e[i + 1] - t[i]) <= tol, "t[" + i + "]: " + e[i + 1] + " vs " + t[i]);
            exact += e[i] == x[i] ? 1 : 0;
        }
        assertTrue(exact > 900, "only " + exact + " of 999 values are bit-identical to NumPy's");
    }

    @Test
    void trainIsSinePlusUniformNoiseFromTheGlobalStream() {
        RandomState.seed(0);
        SinCurve s = new SinCurve(true);
        assertSeries(Fixtures.load("sincurve_train_y_seed0"), s);
    }

    @Test
    void testIsCosineButStillDrawsTheNoise() {
        RandomState.seed(0);
        SinCurve s = new SinCurve(false);
        assertSeries(Fixtures.load("sincurve_test_y_seed0"), s);
        assertBitEqual(Fixtures.load("sincurve_test_next_rand_seed0"), RandomState.global().rand(3),
                "global stream after SinCurve(train=False)");
    }

    @Test
    void ownRandomStateAndTargetIsNextInput() {
        SinCurve s = new SinCurve(true, new RandomState(0), null, null);
        assertSeries(Fixtures.load("sincurve_train_y_seed0"), s);
        // t[i] == x[i + 1]: next-value prediction
        NdArray x = s.data().get(Index.slice(1, 999));
        NdArray t = s.label().get(Index.slice(0, 998));
        assertEquals(x, t);
        Example e = s.get(0);
        assertEquals(Shape.of(1), e.x().shape());
        assertEquals(Shape.of(1), e.t().shape());
    }
}
