package dezero.ndarray;

/**
 * The element types of an {@link NdArray}.
 *
 * <p>Promotion follows NumPy for the floating types ({@code float32} with {@code float64} gives
 * {@code float64}); {@code int64} with a floating type gives that floating type (as PyTorch does,
 * so that integer labels never widen a {@code float32} computation). A Java {@code double} scalar
 * never promotes an array: {@code float32 + 0.1} stays {@code float32}.
 */
public enum DType {
    FLOAT64("float64", 8, "<f8"),
    FLOAT32("float32", 4, "<f4"),
    INT64("int64", 8, "<i8");

    private final String name;
    private final int itemSize;
    private final String descr;

    DType(String name, int itemSize, String descr) {
        this.name = name;
        this.itemSize = itemSize;
        this.descr = descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** NumPy's type string ({@code <f8}, {@code <f4}, {@code <i8}). */
    public String descr() {
        return descr;
    }

    public boolean isFloating() {
        return this != INT64;
    }

    /** The dtype of a binary operation's result. */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a == FLOAT64 || b == FLOAT64) {
            return FLOAT64;
        }
        return FLOAT32; // float32 with int64
    }

    /** NumPy's name ({@code float64}, {@code float32}, {@code int64}). */
    @Override
    public String toString() {
        return name;
    }
}
