package dezero.ndarray;

import dezero.ndarray.Elementwise.Unary;

/**
 * Transcendental kernels (EXP, LOG, SIN, COS, TANH, SQRT) on float64 storage with {@code Math.*}:
 * the plain-Java path, used when the Vector API is absent, for SQRT (which C2 vectorizes itself),
 * and for the tails of vector loops.
 */
@SuppressWarnings("cast") // the casts matter in the generated float32 twin
final class DoubleMath {
    private DoubleMath() {
    }

    static double apply(Unary op, double x) {
        switch (op) {
            case EXP:
                return (double) Math.exp(x);
            case LOG:
                return (double) Math.log(x);
            case SIN:
                return (double) Math.sin(x);
            case COS:
                return (double) Math.cos(x);
            case TANH:
                return (double) Math.tanh(x);
            case SQRT:
                return (double) Math.sqrt(x);
            default:
                throw new IllegalArgumentException(op + " is not transcendental");
        }
    }

    /** {@code out[oo + i] = op(a[ao + i])}. */
    static void run(Unary op, double[] a, int ao, double[] out, int oo, int n) {
        switch (op) {
            case EXP:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (double) Math.exp(a[ao + i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (double) Math.log(a[ao + i]);
                }
                break;
            case SIN:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (double) Math.sin(a[ao + i]);
                }
                break;
            case COS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (double) Math.cos(a[ao + i]);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (double) Math.tanh(a[ao + i]);
                }
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (double) Math.sqrt(a[ao + i]);
                }
                break;
            default:
                throw new IllegalArgumentException(op + " is not transcendental");
        }
    }
}
