package dezero.ndarray;

import dezero.ndarray.Elementwise.Unary;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental kernels on float64 storage with the Vector API (which the JDK backs with SIMD math
 * libraries on x86). Loaded only when the module {@code jdk.incubator.vector} is present; results
 * stay within 2 ulp of {@code Math.*}. The tails use {@link DoubleMath}.
 */
final class DoubleVectorMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private DoubleVectorMath() {
    }

    /** True for the operations this class computes (SQRT is left to the plain loop, which C2 vectorizes). */
    static boolean handles(Unary op) {
        return op == Unary.EXP || op == Unary.LOG || op == Unary.SIN || op == Unary.COS || op == Unary.TANH;
    }

    /** {@code out[oo + i] = op(a[ao + i])} for EXP, LOG, SIN, COS, TANH. */
    static void run(Unary op, double[] a, int ao, double[] out, int oo, int n) {
        int step = S.length();
        int ub = S.loopBound(n);
        int i = 0;
        switch (op) {
            case EXP:
                for (; i < ub; i += step) {
                    DoubleVector.fromArray(S, a, ao + i).lanewise(VectorOperators.EXP).intoArray(out, oo + i);
                }
                break;
            case LOG:
                for (; i < ub; i += step) {
                    DoubleVector.fromArray(S, a, ao + i).lanewise(VectorOperators.LOG).intoArray(out, oo + i);
                }
                break;
            case SIN:
                for (; i < ub; i += step) {
                    DoubleVector.fromArray(S, a, ao + i).lanewise(VectorOperators.SIN).intoArray(out, oo + i);
                }
                break;
            case COS:
                for (; i < ub; i += step) {
                    DoubleVector.fromArray(S, a, ao + i).lanewise(VectorOperators.COS).intoArray(out, oo + i);
                }
                break;
            case TANH:
                for (; i < ub; i += step) {
                    DoubleVector.fromArray(S, a, ao + i).lanewise(VectorOperators.TANH).intoArray(out, oo + i);
                }
                break;
            default:
                throw new IllegalArgumentException(op + " has no vector kernel");
        }
        if (i < n) {
            DoubleMath.run(op, a, ao + i, out, oo + i, n - i);
        }
    }
}
