package dezero.ndarray;

/** Elementwise operations with NumPy broadcasting: dtype promotion, shape checks, dispatch to kernels. */
final class Elementwise {
    private Elementwise() {
    }

    enum Binary { ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, EQ, GT, GE, LT, LE }

    enum Unary { NEG, EXP, LOG, SIN, COS, TANH, SQRT, ABS, SIGN, SQUARE }

    static NdArray binary(Binary op, NdArray a, NdArray b) {
        throw new UnsupportedOperationException("TODO " + op);
    }

    /** {@code a op scalar}; the scalar never promotes the array's dtype (int64 with a scalar gives float64). */
    static NdArray binaryScalar(Binary op, NdArray a, double scalar) {
        throw new UnsupportedOperationException("TODO " + op);
    }

    static NdArray unary(Unary op, NdArray a) {
        throw new UnsupportedOperationException("TODO " + op);
    }

    static NdArray clip(NdArray a, double lo, double hi) {
        throw new UnsupportedOperationException("TODO clip");
    }

    static NdArray where(NdArray mask, NdArray a, NdArray b) {
        throw new UnsupportedOperationException("TODO where");
    }

    static boolean allclose(NdArray a, NdArray b, double rtol, double atol) {
        throw new UnsupportedOperationException("TODO allclose");
    }
}
