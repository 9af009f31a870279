package dezero.ndarray;

import dezero.ndarray.Elementwise.Unary;

/**
 * Transcendental kernels (EXP, LOG, SIN, COS, TANH, SQRT) on float64 storage without the Vector API:
 * element by element with {@link Transcendental} (whose results do not depend on the JIT state and
 * equal those of the vector loops bit for bit) and {@link Math#sqrt} (exactly rounded; C2 vectorizes
 * the SQRT loop itself). In the float32 twin, {@code Transcendental}'s float32 overloads compute in
 * float64 and round once.
 */
@SuppressWarnings("cast") // the casts matter in the generated float32 twin
final class DoubleMath {
    private DoubleMath() {
    }

    static double apply(Unary op, double x) {
        switch (op) {
            case EXP:
                return Transcendental.exp(x);
            case LOG:
                return Transcendental.log(x);
            case SIN:
                return Transcendental.sin(x);
            case COS:
                return Transcendental.cos(x);
            case TANH:
                return Transcendental.tanh(x);
            case SQRT:
                return (double) Math.sqrt(x);
            default:
                throw new IllegalArgumentException(op + " is not transcendental");
        }
    }

    /**
     * {@code out[oo + i] = op(a[ao + i])}. In the float32 twin the transcendental functions go through
     * {@link Transcendental#run}, which computes them in float64 a block at a time.
     */
    static void run(Unary op, double[] a, int ao, double[] out, int oo, int n) {
        if (op == Unary.SQRT) {
            for (int i = 0; i < n; i++) {
                out[oo + i] = (double) Math.sqrt(a[ao + i]);
            }
            return;
        }
        Transcendental.run(op, a, ao, out, oo, n);
    }
}
