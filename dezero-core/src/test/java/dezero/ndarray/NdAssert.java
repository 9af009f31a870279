package dezero.ndarray;

import static org.junit.jupiter.api.Assertions.fail;

/** Assertions on arrays: dtype, shape and every element, naming the first difference. */
final class NdAssert {
    private NdAssert() {
    }

    /** Same dtype, shape and elements (NaN equals NaN; 0.0 equals -0.0). */
    static void assertArrayEquals(NdArray expected, NdArray actual) {
        assertClose(expected, actual, 0, 0);
    }

    /**
     * Same dtype and shape, and {@code |e - a| <= atol + rtol * |e|} everywhere (NaN matches NaN,
     * infinities match themselves).
     */
    static void assertClose(NdArray expected, NdArray actual, double rtol, double atol) {
        if (expected.dtype() != actual.dtype() || !expected.shape().equals(actual.shape())) {
            fail("expected " + expected.dtype() + " " + expected.shape() + " but got " + actual.dtype() + " "
                    + actual.shape());
        }
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        if (expected.dtype() == DType.INT64) {
            long[] el = expected.toLongArray();
            long[] al = actual.toLongArray();
            for (int i = 0; i < el.length; i++) {
                if (el[i] != al[i]) {
                    fail("element " + i + " of " + expected.shape() + ": expected " + el[i] + " but got " + al[i]);
                }
            }
            return;
        }
        for (int i = 0; i < e.length; i++) {
            if (!close(e[i], a[i], rtol, atol)) {
                fail("element " + i + " of " + expected.shape() + " " + expected.dtype() + ": expected " + e[i]
                        + " but got " + a[i] + " (rtol " + rtol + ", atol " + atol + ")");
            }
        }
    }

    static boolean close(double e, double a, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a);
        }
        if (e == a) {
            return true;
        }
        if (Double.isInfinite(e) || Double.isInfinite(a)) {
            return false;
        }
        return Math.abs(e - a) <= atol + rtol * Math.abs(e);
    }

    /** {@code |e - a| <= ulps * ulp(e)} everywhere, for float64 or float32 arrays of the same shape. */
    static void assertUlps(NdArray expected, NdArray actual, double ulps) {
        if (expected.dtype() != actual.dtype() || !expected.shape().equals(actual.shape())) {
            fail("expected " + expected.dtype() + " " + expected.shape() + " but got " + actual.dtype() + " "
                    + actual.shape());
        }
        boolean f32 = expected.dtype() == DType.FLOAT32;
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i]) || Double.isInfinite(e[i]) || e[i] == 0) {
                if (Double.compare(e[i], a[i]) != 0 && !(e[i] == 0 && a[i] == 0)) {
                    fail("element " + i + ": expected " + e[i] + " but got " + a[i]);
                }
                continue;
            }
            double ulp = f32 ? Math.ulp((float) e[i]) : Math.ulp(e[i]);
            if (Math.abs(e[i] - a[i]) > ulps * ulp) {
                fail("element " + i + ": expected " + e[i] + " but got " + a[i] + " (" + Math.abs(e[i] - a[i]) / ulp
                        + " ulp > " + ulps + ")");
            }
        }
    }

    /**
     * Same dtype, shape and bits in every element (0.0 differs from -0.0; NaN equals NaN): for results
     * that two code paths must compute identically.
     */
    static void assertSameBits(NdArray expected, NdArray actual, String what) {
        if (expected.dtype() != actual.dtype() || !expected.shape().equals(actual.shape())) {
            fail(what + ": expected " + expected.dtype() + " " + expected.shape() + ", got " + actual.dtype() + " "
                    + actual.shape());
        }
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                fail(what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
            }
        }
    }
}
