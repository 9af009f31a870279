package dezero.ndarray;

import java.util.List;

/** Basic and advanced indexing, scatter-add, joining and splitting. */
final class Indexing {
    private Indexing() {
    }

    static NdArray get(NdArray a, Index[] spec) {
        throw new UnsupportedOperationException("TODO get");
    }

    static NdArray addAt(NdArray a, Index[] spec, NdArray values) {
        throw new UnsupportedOperationException("TODO addAt");
    }

    static NdArray take(NdArray a, NdArray indices, int axis) {
        throw new UnsupportedOperationException("TODO take");
    }

    static NdArray concatenate(List<NdArray> arrays, int axis) {
        throw new UnsupportedOperationException("TODO concatenate");
    }

    static NdArray stack(List<NdArray> arrays, int axis) {
        throw new UnsupportedOperationException("TODO stack");
    }

    static List<NdArray> split(NdArray a, int sections, int axis) {
        throw new UnsupportedOperationException("TODO split");
    }

    static List<NdArray> split(NdArray a, int[] indices, int axis) {
        throw new UnsupportedOperationException("TODO split");
    }
}
