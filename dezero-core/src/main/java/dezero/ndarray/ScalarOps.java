package dezero.ndarray;

/**
 * Scalar operations whose meaning depends on the element type, overloaded per type so that one
 * generated kernel ({@code Double*}, {@code Float*}, {@code Long*}) picks the right one.
 */
final class ScalarOps {
    private ScalarOps() {
    }

    static double pow(double x, double y) {
        return Math.pow(x, y);
    }

    static float pow(float x, float y) {
        return (float) Math.pow(x, y);
    }

    /** Integer power by repeated squaring; wraps on overflow as NumPy's int64 power does. */
    static long pow(long x, long y) {
        if (y < 0) {
            throw new IllegalArgumentException("pow: integers to negative integer powers are not allowed, got exponent "
                    + y);
        }
        long r = 1;
        long b = x;
        long e = y;
        while (e != 0) {
            if ((e & 1) != 0) {
                r *= b;
            }
            e >>= 1;
            b *= b;
        }
        return r;
    }
}
