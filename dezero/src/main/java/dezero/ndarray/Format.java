package dezero.ndarray;

/** NumPy's array printing. */
final class Format {
    private Format() {
    }

    /** Every line after the first is indented by {@code indent} (as {@code variable(...)} needs). */
    static String format(NdArray a, String indent) {
        return "array" + a.shape() + " " + a.dtype();
    }
}
