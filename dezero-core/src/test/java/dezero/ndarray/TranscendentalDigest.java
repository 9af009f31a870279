package dezero.ndarray;

import dezero.ndarray.Elementwise.Unary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Digests of EXP, LOG, TANH, SIN and COS over fixed arguments, for each dtype, through the vector
 * loops and the plain loops, whole arrays and windows at odd offsets and lengths. TranscendentalTest
 * runs {@link #main} in child JVMs ({@code -Xint}, C1 only) and compares their lines with its own,
 * computed by C2-compiled code.
 */
final class TranscendentalDigest {
    private TranscendentalDigest() {
    }

    static final Unary[] OPS = {Unary.EXP, Unary.LOG, Unary.TANH, Unary.SIN, Unary.COS};
    /** Windows (offset, length) over the arguments: tails of every length, odd alignments. */
    static final int[][] WINDOWS = {{0, 1500}, {1, 999}, {3, 17}, {5, 7}, {40, 1}, {64, 0}, {7, 333}};

    /** The arguments of {@code op}: ordinary values, the hard places and every special value. */
    static double[] arguments(Unary op) {
        Random rnd = new Random(20240611L + op.ordinal());
        return arguments(op, rnd, 1500);
    }

    static final double[] SPECIALS = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        -Double.MIN_NORMAL, 0x1p-1023, 1e-310, -1e-310, 1e-300, 1.0, -1.0, 2.0, 0.5, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0xfff8000000000001L),
        708, -708, 708.0000000000001, 709.782712893384, 709.7827128933841, 709.79, 710, -745.1332191019411,
        -745.1332191019412, -745.2, -746, 1000, -1000, 1e300, -1e300, 19.06, 19.07, 20, 25, 354, 354.00000000000006,
        -354.00000000000006, 400, 88.72283935546875, 88.72284, -103.97207641601562, -104, 0x1p20, -0x1p20,
        Math.nextUp(0x1p20), 1e6, 2e6, 1e22, Math.PI, Math.PI / 2, Math.PI / 4, -Math.PI / 2, 3 * Math.PI / 2,
        0x1p-27, 0x1p-26, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, 1.4142135623730951, 0.7071067811865476,
        0.7071067811865475, 0.34657359027997264, -0.34657359027997264};

    /** The double nearest {@code k * c} for a constant c = hi + lo, moved by a few ulps. */
    private static double near(double k, double hi, double lo, Random rnd) {
        double v = Math.fma(k, hi, k * lo);
        for (int s = rnd.nextInt(9) - 4; s != 0; s -= Integer.signum(s)) {
            v = s > 0 ? Math.nextUp(v) : Math.nextDown(v);
        }
        return v;
    }

    /** A seeded mixture: ordinary values, whole-range values, random bit patterns, the hard places of op, specials. */
    static double[] arguments(Unary op, Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double v;
            switch (rnd.nextInt(10)) {
                case 0:
                    v = rnd.nextGaussian();
                    break;
                case 1:
                    v = (rnd.nextDouble() * 2 - 1) * 30;
                    break;
                case 2: // any magnitude
                    v = (rnd.nextBoolean() ? 1 : -1) * Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(2098) - 1074);
                    break;
                case 3:
                    v = Double.longBitsToDouble(rnd.nextLong());
                    break;
                case 4:
                    v = SPECIALS[rnd.nextInt(SPECIALS.length)];
                    break;
                default:
                    v = hardPlace(op, rnd);
            }
            a[i] = v;
        }
        return a;
    }

    private static double hardPlace(Unary op, Random rnd) {
        switch (op) {
            case EXP:
                switch (rnd.nextInt(4)) {
                    case 0:
                        return near(rnd.nextInt(2100) - 1075, Transcendental.LN2_HI, Transcendental.LN2_LO, rnd);
                    case 1:
                        return near(rnd.nextInt(2100) - 1075 + 0.5, Transcendental.LN2_HI, Transcendental.LN2_LO, rnd);
                    case 2:
                        return -708 - rnd.nextDouble() * 38; // subnormal results
                    default:
                        return (rnd.nextDouble() * 2 - 1) * 745;
                }
            case LOG:
                switch (rnd.nextInt(4)) {
                    case 0:
                        return 1 + (rnd.nextDouble() * 2 - 1) * Math.scalb(1.0, -rnd.nextInt(52));
                    case 1:
                        return near(Math.scalb(1.0, rnd.nextInt(2000) - 1000), 0.7071067811865476, 0, rnd);
                    case 2:
                        return Math.scalb(rnd.nextDouble(), -1022); // subnormal
                    default:
                        return Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(2046) - 1022);
                }
            case TANH:
                switch (rnd.nextInt(4)) {
                    case 0:
                        return near(rnd.nextInt(60) - 30, Transcendental.LN2_HI / 2, Transcendental.LN2_LO / 2, rnd);
                    case 1:
                        return (rnd.nextBoolean() ? 1 : -1) * (18 + rnd.nextDouble() * 2);
                    case 2:
                        return (rnd.nextBoolean() ? 1 : -1) * (350 + rnd.nextDouble() * 10);
                    default:
                        return (rnd.nextDouble() * 2 - 1) * Math.scalb(1.0, -rnd.nextInt(60));
                }
            default: // SIN, COS
                switch (rnd.nextInt(4)) {
                    case 0:
                        return near(rnd.nextInt(1_335_000) - 667_500, Transcendental.PIO2_1, Transcendental.PIO2_2, rnd);
                    case 1:
                        return near(rnd.nextInt(1_335_000) - 667_500 + 0.5, Transcendental.PIO2_1, Transcendental.PIO2_2,
                                rnd);
                    case 2:
                        return near(rnd.nextInt(129) - 64, Transcendental.PIO2_1, Transcendental.PIO2_2, rnd);
                    default:
                        return (rnd.nextDouble() * 2 - 1) * 0x1p21;
                }
        }
    }


    static List<String> digests() {
        List<String> out = new ArrayList<>();
        for (Unary op : OPS) {
            double[] a = arguments(op);
            float[] af = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                af[i] = (float) a[i];
            }
            for (boolean vector : new boolean[] {true, false}) {
                long h64 = 17;
                long h32 = 17;
                for (int[] w : WINDOWS) {
                    double[] o = new double[w[1] + 3];
                    float[] of = new float[w[1] + 3];
                    if (vector) {
                        DoubleVectorMath.run(op, a, w[0], o, 2, w[1]);
                        FloatVectorMath.run(op, af, w[0], of, 2, w[1]);
                    } else {
                        DoubleMath.run(op, a, w[0], o, 2, w[1]);
                        FloatMath.run(op, af, w[0], of, 2, w[1]);
                    }
                    for (int i = 0; i < o.length; i++) {
                        h64 = h64 * 1_000_003 + Double.doubleToLongBits(o[i]);
                        h32 = h32 * 1_000_003 + Float.floatToIntBits(of[i]);
                    }
                }
                String path = vector ? "vector" : "plain";
                out.add(op + " float64 " + path + " " + Long.toHexString(h64));
                out.add(op + " float32 " + path + " " + Long.toHexString(h32));
            }
        }
        return out;
    }

    public static void main(String[] args) {
        for (String line : digests()) {
            System.out.println(line);
        }
    }
}
