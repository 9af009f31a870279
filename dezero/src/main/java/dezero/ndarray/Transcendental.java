package dezero.ndarray;

/**
 * exp, log, tanh, sin and cos of one element, computed only with operations that IEEE 754 rounds
 * exactly ({@code + - * /}, {@link Math#fma}, comparisons, bit manipulation): the same input gives the
 * same bits in the interpreter, C1 and C2, on every JVM. {@link VectorTranscendental} runs the very same
 * sequence of operations on vector lanes, so the plain path, the vector path and the vector loops' tails
 * agree bit for bit.
 *
 * <p>Accuracy (float64, measured against correctly rounded values over millions of arguments by
 * {@code TranscendentalTest} and {@code tools/transcendental_accuracy.py}): below 1 ulp for every
 * function; sin and cos use {@link StrictMath} beyond |x| = 2^20 (and for infinities and NaN).
 * float32 is computed in float64 and rounded once, which gives the correctly rounded float32 result
 * except in rare double-rounding cases (never more than 1 ulp away).
 *
 * <p>Algorithms (coefficients: {@code tools/transcendental_coeffs.py}, minimax with mpmath):
 * <ul>
 *   <li>exp: {@code x = k ln2 + r}, |r| &le; ln2/2, with {@code ln 2} in two parts and the
 *       reduction error kept ({@code r = rh + rl}); {@code exp(r) - 1 = r + r^2 Q2(r)} summed as a
 *       double-double {@code s + sl}, {@code 1 + s + sl} rounded once; then scaled by {@code 2^k}
 *       through the exponent bits (in two steps near overflow and for subnormal results).
 *   <li>tanh: {@code tanh|x| = (1 - E) / (1 + E)} with {@code E = exp(-2|x|) = 2^k (1 + s + sl)}:
 *       numerator and denominator as double-doubles, a compensated division, one rounding at the
 *       end; {@code -2|x|} is clamped at -40, where tanh rounds to 1; below |x| = 2^-27 tanh x is x.
 *   <li>log: {@code x = 2^e m}, m in [sqrt(1/2), sqrt(2)), {@code f = m - 1},
 *       {@code s = f / (2 + f)} with its division remainder, {@code log(m) = 2s + s^3 P(s^2)};
 *       {@code e ln2} (ln 2 in a 42-bit and a second part) added with error compensation.
 *   <li>sin, cos: {@code x = k pi/2 + r}, |r| &le; pi/4, pi/2 in three parts, r as a double-double;
 *       {@code sin r = r + r^3 SP(r^2)}, {@code cos r = 1 - r^2/2 + r^4 CP(r^2)} with the rounding
 *       errors of {@code r^2} and of {@code 1 - r^2/2} compensated; the quadrant {@code k mod 4}
 *       picks sin or cos and the sign.
 * </ul>
 * The integer {@code k} is the low bits of {@code fma(x, c, 1.5 * 2^52)} (no float-to-integer
 * conversion, which some vector units lack).
 */
final class Transcendental {
    private Transcendental() {
    }

    /** {@code 1.5 * 2^52}: adding it rounds a double below 2^51 in magnitude to an integer, kept in the low bits. */
    static final double SHIFTER = 0x1.8p52;
    static final long SHIFTER_BITS = 0x4338000000000000L;
    static final long ONE_BITS = 0x3ff0000000000000L;
    static final long SIGN_BIT = 0x8000000000000000L;

    static final double INV_LN2 = 0x1.71547652b82fep0;
    /** {@code ln 2 = LN2_HI + LN2_LO} to about 2^-108. */
    static final double LN2_HI = 0x1.62e42fefa39efp-1;
    static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** {@code ln 2 = LN2_A + LN2_B}; LN2_A has 42 significant bits, so {@code e * LN2_A} is exact for |e| &lt; 2^11. */
    static final double LN2_A = 0x1.62e42fefa38p-1;
    static final double LN2_B = 0x1.ef35793c7673p-45;

    /** Beyond this |x| (and for |x| below -EXP_FAST), exp takes the two-step scaling. */
    static final double EXP_FAST = 708;
    /** exp(x) overflows above this (ln(MAX_VALUE) = 709.7827...). */
    static final double EXP_OVER = 709.79;
    /** exp(x) rounds to 0 below this (ln(2^-1075) = -745.1332...). */
    static final double EXP_UNDER = -745.2;
    /** tanh works on {@code max(-2|x|, TANH_CLAMP)}: tanh(20) rounds to 1. */
    static final double TANH_CLAMP = -40;
    /** tanh(x) rounds to x for |x| below this. */
    static final double TANH_TINY = 0x1p-27;

    static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    /** {@code pi/2 = PIO2_1 + PIO2_2 + PIO2_3} to about 2^-163. */
    static final double PIO2_1 = 0x1.921fb54442d18p0;
    static final double PIO2_2 = 0x1.1a62633145c07p-54;
    static final double PIO2_3 = -0x1.f1976b7ed8fbcp-110;
    /** sin and cos reduce |x| &le; TRIG_MAX themselves and use StrictMath beyond. */
    static final double TRIG_MAX = 0x1p20;

    /** Bits of the double nearest sqrt(1/2): log splits x at it. */
    static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;
    static final double MIN_NORMAL = 0x1p-1022;
    static final double TWO_52 = 0x1p52;

    // (e^r - 1 - r) / r^2 on |r| <= 0.3466, relative error 2^-57
    static final double Q0 = 0x1.0000000000000p-1;
    static final double Q1 = 0x1.5555555555557p-3;
    static final double Q2 = 0x1.555555555554ep-5;
    static final double Q3 = 0x1.11111111100ecp-7;
    static final double Q4 = 0x1.6c16c16c1a07cp-10;
    static final double Q5 = 0x1.a01a01abe060bp-13;
    static final double Q6 = 0x1.a01a01906061ep-16;
    static final double Q7 = 0x1.71de0246e4d3fp-19;
    static final double Q8 = 0x1.27e510dc329aap-22;
    static final double Q9 = 0x1.af4dc1be9c4fep-26;
    static final double Q10 = 0x1.1f19f5ef6292dp-29;

    // (2 atanh(s) - 2s) / s^3 as a polynomial in z = s^2 on [0, 0.029438], relative error 2^-51
    static final double P0 = 0x1.5555555555558p-1;
    static final double P1 = 0x1.99999999952a4p-2;
    static final double P2 = 0x1.2492492df757cp-2;
    static final double P3 = 0x1.c71c62de96321p-3;
    static final double P4 = 0x1.7462b67375fb1p-3;
    static final double P5 = 0x1.39fe2a3136694p-3;
    static final double P6 = 0x1.2b5ab4b6bb5cap-3;

    // (sin r - r) / r^3 in z = r^2 on [0, 0.61685]
    static final double S0 = -0x1.5555555555555p-3;
    static final double S1 = 0x1.1111111111110p-7;
    static final double S2 = -0x1.a01a01a01992ap-13;
    static final double S3 = 0x1.71de3a545f19dp-19;
    static final double S4 = -0x1.ae64541074198p-26;
    static final double S5 = 0x1.61217d60618a3p-33;
    static final double S6 = -0x1.ab16ed5d68cc7p-41;

    // (cos r - 1 + z/2) / z^2 in z = r^2 on [0, 0.61685]
    static final double C0 = 0x1.5555555555555p-5;
    static final double C1 = -0x1.6c16c16c16962p-10;
    static final double C2 = 0x1.a01a019f4dca4p-16;
    static final double C3 = -0x1.27e4fa16d58adp-22;
    static final double C4 = 0x1.1eeb67f819e06p-29;
    static final double C5 = -0x1.907d072302024p-37;

    private static double bits(long b) {
        return Double.longBitsToDouble(b);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    // ------------------------------------------------------------------ exp

    static double exp(double x) {
        double t = Math.fma(x, INV_LN2, SHIFTER);
        double k = t - SHIFTER;
        double rh1 = Math.fma(k, -LN2_HI, x);
        double rh = Math.fma(k, -LN2_LO, rh1);
        double rl = Math.fma(k, -LN2_LO, rh1 - rh);
        double r2 = rh * rh;
        double q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
                Q10, rh, Q9), rh, Q8), rh, Q7), rh, Q6), rh, Q5), rh, Q4), rh, Q3), rh, Q2), rh, Q1), rh, Q0);
        double tt = Math.fma(r2, q, rl);
        double s = rh + tt;
        double sl = (rh - s) + tt;
        double u = 1 + s;
        double pre = u + (((1 - u) + s) + sl);
        long tb = bits(t);
        if (Math.abs(x) <= EXP_FAST) {
            return bits(bits(pre) + (tb << 52));
        }
        long kl = tb - SHIFTER_BITS;
        long k1 = kl >> 1;
        long k2 = kl - k1;
        double y = pre * bits((k1 + 1023) << 52) * bits((k2 + 1023) << 52);
        return x > EXP_OVER ? Double.POSITIVE_INFINITY : x < EXP_UNDER ? 0 : y;
    }

    static float exp(float x) {
        return (float) exp((double) x);
    }

    // ------------------------------------------------------------------ tanh

    static double tanh(double x) {
        double y = Math.max(Math.abs(x) * -2, TANH_CLAMP);
        double t = Math.fma(y, INV_LN2, SHIFTER);
        double k = t - SHIFTER;
        double rh1 = Math.fma(k, -LN2_HI, y);
        double rh = Math.fma(k, -LN2_LO, rh1);
        double rl = Math.fma(k, -LN2_LO, rh1 - rh);
        double r2 = rh * rh;
        double q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
                Q10, rh, Q9), rh, Q8), rh, Q7), rh, Q6), rh, Q5), rh, Q4), rh, Q3), rh, Q2), rh, Q1), rh, Q0);
        double tt = Math.fma(r2, q, rl);
        double s = rh + tt;
        double sl = (rh - s) + tt;
        // E = exp(y) = c (u + ul), c = 2^k
        double u = 1 + s;
        double ul = ((1 - u) + s) + sl;
        double c = bits((bits(t) << 52) + ONE_BITS);
        double eh = u * c;
        double el = ul * c;
        double nh = 1 - eh;
        double nl = ((1 - nh) - eh) - el;
        double dh = 1 + eh;
        double dl = ((1 - dh) + eh) + el;
        double inv = 1 / dh;
        double th = nh * inv;
        double rem = Math.fma(-th, dh, nh);
        double tl = Math.fma(-th, dl, rem + nl) * inv;
        double r = th + tl;
        // below 2^-27 tanh x rounds to x (the double-double above keeps about 2^-106 absolute)
        return Math.abs(x) < TANH_TINY ? x : bits(bits(r) | (bits(x) & SIGN_BIT));
    }

    static float tanh(float x) {
        return (float) tanh((double) x);
    }

    // ------------------------------------------------------------------ log

    static double log(double x) {
        long adj = 0;
        if (!(x >= MIN_NORMAL && x < Double.POSITIVE_INFINITY)) {
            if (x > 0 && x < MIN_NORMAL) {
                x *= TWO_52;
                adj = 52;
            } else {
                return x != x ? x : x == 0 ? Double.NEGATIVE_INFINITY : x < 0 ? Double.NaN : x;
            }
        }
        long b = bits(x);
        long e = (b - SQRT_HALF_BITS) >> 52;
        double m = bits(b - (e << 52));
        double ed = bits((e - adj) + SHIFTER_BITS) - SHIFTER;
        double f = m - 1;
        double d = 2 + f;
        double dl = (2 - d) + f;
        double s = f / d;
        double rs = Math.fma(-s, d, f);
        double sl = Math.fma(-s, dl, rs) * Math.fma(s, -0.5, 0.5);
        double z = s * s;
        double p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(P6, z, P5), z, P4), z, P3), z, P2), z, P1), z,
                P0);
        double s2 = s + s;
        double a = ed * LN2_A;
        double hi = a + s2;
        double err = s2 - (hi - a);
        double lo = err + Math.fma(sl, 2, Math.fma(ed, LN2_B, s * z * p));
        return hi + lo;
    }

    static float log(float x) {
        return (float) log((double) x);
    }

    // ------------------------------------------------------------------ sin, cos

    static double sin(double x) {
        return sinCos(x, 0);
    }

    static double cos(double x) {
        return sinCos(x, 1);
    }

    static float sin(float x) {
        return (float) sin((double) x);
    }

    static float cos(float x) {
        return (float) cos((double) x);
    }

    /** sin(x) for {@code shift} 0, cos(x) for 1: the value of quadrant {@code k + shift} at r. */
    static double sinCos(double x, int shift) {
        if (!(Math.abs(x) <= TRIG_MAX)) {
            return shift == 0 ? StrictMath.sin(x) : StrictMath.cos(x);
        }
        double t = Math.fma(x, TWO_OVER_PI, SHIFTER);
        double k = t - SHIFTER;
        double r1 = Math.fma(k, -PIO2_1, x);
        double p2h = k * PIO2_2;
        double p2l = Math.fma(k, PIO2_2, -p2h);
        double rh = r1 - p2h;
        double bb = rh - r1;
        double e = (r1 - (rh - bb)) + (-p2h - bb);
        double rl = Math.fma(k, -PIO2_3, e - p2l);
        double z = rh * rh;
        double ps = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(S6, z, S5), z, S4), z, S3), z, S2), z, S1), z,
                S0);
        double sn = rh + Math.fma(rh * z, ps, Math.fma(rl * z, -0.5, rl));
        double pc = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(C5, z, C4), z, C3), z, C2), z, C1), z, C0);
        double hz = 0.5 * z;
        double w = 1 - hz;
        double zl = Math.fma(rh, rh, -z);
        double cs = w + ((((1 - w) - hz) - Math.fma(rh, rl, 0.5 * zl)) + (z * z) * pc);
        long q = bits(t) + shift;
        double v = (q & 1) == 0 ? sn : cs;
        double r = bits(bits(v) ^ ((q & 2) << 62));
        return x == 0 && shift == 0 ? x : r;
    }
}
