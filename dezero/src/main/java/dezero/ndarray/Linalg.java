package dezero.ndarray;

/** Matrix products: shape rules in front, gemm kernels behind. */
final class Linalg {
    private Linalg() {
    }

    static NdArray matmul(NdArray a, NdArray b) {
        throw new UnsupportedOperationException("TODO matmul");
    }

    static NdArray dot(NdArray a, NdArray b) {
        throw new UnsupportedOperationException("TODO dot");
    }

    static NdArray tensordot(NdArray a, NdArray b, int[] axesA, int[] axesB) {
        throw new UnsupportedOperationException("TODO tensordot");
    }
}
