package dezero.ndarray;

/**
 * One entry of an indexing expression, as in NumPy's {@code a[1, 2:5, ::-1, idx]}.
 *
 * <pre>{@code
 * a.get(Index.at(1), Index.slice(2, 5), Index.slice(null, null, -1), Index.of(idx))
 * }</pre>
 * An integer ({@link #at}) removes its axis; a slice keeps it; an integer array ({@link #of})
 * selects along its axis with NumPy's advanced-indexing rules (several integer arrays broadcast
 * together); {@link #newAxis} inserts an axis of length 1. Axes left unnamed at the end are taken
 * whole.
 */
public final class Index {
    enum Kind { AT, SLICE, ARRAY, NEW_AXIS }

    private static final Index ALL = new Index(Kind.SLICE, 0, null, null, 1, null);
    private static final Index NEW_AXIS = new Index(Kind.NEW_AXIS, 0, null, null, 1, null);

    final Kind kind;
    final int at;
    final Integer start;
    final Integer stop;
    final int step;
    final NdArray array;

    private Index(Kind kind, int at, Integer start, Integer stop, int step, NdArray array) {
        this.kind = kind;
        this.at = at;
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.array = array;
    }

    /** A single position; negative counts from the end. Removes the axis. */
    public static Index at(int i) {
        return new Index(Kind.AT, i, null, null, 1, null);
    }

    /** The whole axis ({@code :}). */
    public static Index all() {
        return ALL;
    }

    /** {@code start:stop} (step 1); negative positions count from the end. */
    public static Index slice(int start, int stop) {
        return new Index(Kind.SLICE, 0, start, stop, 1, null);
    }

    /** {@code start:stop:step}; {@code null} start or stop means open, as in Python. */
    public static Index slice(Integer start, Integer stop, int step) {
        if (step == 0) {
            throw new IllegalArgumentException("slice: step cannot be zero");
        }
        return new Index(Kind.SLICE, 0, start, stop, step, null);
    }

    /** Integer-array indexing: {@code indices} must be {@code int64}; negative values count from the end. */
    public static Index of(NdArray indices) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("index: arrays used as indices must be int64, got " + indices.dtype());
        }
        return new Index(Kind.ARRAY, 0, null, null, 1, indices);
    }

    /** Integer-array indexing from Java ints. */
    public static Index of(int... indices) {
        long[] v = new long[indices.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = indices[i];
        }
        return of(NdArray.of(v));
    }

    /** Inserts an axis of length 1 ({@code np.newaxis}). */
    public static Index newAxis() {
        return NEW_AXIS;
    }

    @Override
    public String toString() {
        switch (kind) {
            case AT:
                return Integer.toString(at);
            case SLICE:
                return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
            case ARRAY:
                return "array" + array.shape();
            default:
                return "newaxis";
        }
    }
}
