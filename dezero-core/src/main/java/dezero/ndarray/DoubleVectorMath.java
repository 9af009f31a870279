package dezero.ndarray;

import dezero.ndarray.Elementwise.Unary;

/**
 * Transcendental kernels (EXP, LOG, SIN, COS, TANH) on float64 storage with the Vector API: the
 * loops of {@link VectorTranscendental}, which give bit for bit the results of the plain path
 * ({@link DoubleMath}, i.e. {@link Transcendental}) whatever the array length, the position of an
 * element or the JIT state. Loaded only when the module {@code jdk.incubator.vector} is present.
 * (The float32 twin calls the float32 loops, which compute in float64 and round once.)
 */
final class DoubleVectorMath {
    private DoubleVectorMath() {
    }

    /** True for the operations this class computes (SQRT is left to the plain loop, which C2 vectorizes). */
    static boolean handles(Unary op) {
        return VectorTranscendental.handles(op);
    }

    /** {@code out[oo + i] = op(a[ao + i])} for EXP, LOG, SIN, COS, TANH. */
    static void run(Unary op, double[] a, int ao, double[] out, int oo, int n) {
        VectorTranscendental.run(op, a, ao, out, oo, n);
    }
}
