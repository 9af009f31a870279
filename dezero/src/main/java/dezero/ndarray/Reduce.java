package dezero.ndarray;

/** Reductions over any set of axes. */
final class Reduce {
    private Reduce() {
    }

    enum Kind { SUM, MEAN, MAX, MIN }

    /** {@code axes == null} reduces over all axes. */
    static NdArray reduce(Kind kind, NdArray a, int[] axes, boolean keepdims) {
        throw new UnsupportedOperationException("TODO " + kind);
    }

    /** {@code axis == null}: over the flattened array, giving a 0-d int64. */
    static NdArray argReduce(boolean max, NdArray a, Integer axis) {
        throw new UnsupportedOperationException("TODO arg");
    }

    static NdArray logsumexp(NdArray a, int[] axes, boolean keepdims) {
        throw new UnsupportedOperationException("TODO logsumexp");
    }

    static NdArray sumTo(NdArray a, Shape target) {
        throw new UnsupportedOperationException("TODO sumTo");
    }
}
