package dezero.ndarray;

/**
 * exp, log, tanh, sin and cos of one element, computed only with operations that IEEE 754 rounds
 * exactly ({@code + - * /}, {@link Math#fma}, comparisons, bit manipulation): the same input gives the
 * same bits in the interpreter, C1 and C2, on every JVM. {@link VectorTranscendental} runs the very same
 * sequence of operations on vector lanes, so the plain path, the vector path and the vector loops' tails
 * agree bit for bit. (Math.fma is exact everywhere; it is fast where the CPU has FMA, as every x86-64
 * with AVX2 and every AArch64 has.)
 *
 * <p>Accuracy against exact values ({@code tools/transcendental_accuracy.py}: mpmath, 3.5 million
 * arguments over the whole ranges and the hard places; {@code TranscendentalTest}: BigDecimal), largest
 * error in float64: exp 0.77 ulp (0.72 for normal results), log 0.54, tanh 0.56, sin 0.81, cos 0.78;
 * 94-100 % of the results correctly rounded. sin and cos use {@link StrictMath} beyond |x| = 2^20 (and
 * for infinities and NaN). float32 has algorithms of its own, cheaper (shorter polynomials, no error
 * compensation), computed in float64 to a relative error below 2^-33 and rounded once: 0.5002 ulp at
 * most, correctly rounded but for rare double roundings.
 *
 * <p>Algorithms (coefficients: {@code tools/transcendental_coeffs.py}, minimax with mpmath;
 * polynomials evaluated by Estrin's scheme, whose short dependency chains suit the vector loops):
 * <ul>
 *   <li>exp: {@code x = k ln2 + r}, |r| &le; ln2/2, with {@code ln 2} in two parts and the
 *       reduction error kept ({@code r = rh + rl}); {@code exp(r) - 1 = r + r^2 Q2(r)} summed as a
 *       double-double {@code s + sl}, {@code 1 + s + sl} rounded once; then scaled by {@code 2^k}
 *       through the exponent bits (in two steps near overflow and for subnormal results).
 *   <li>tanh: {@code tanh|x| = -em / (2 + em)} with {@code em = exp(-2|x|) - 1 = 2^k (1 + s + sl) - 1}
 *       as a double-double (here {@code s + sl = r + r^2/2 + r^3 Q3(r)} with {@code r^2/2} exact, as
 *       the cancellation in {@code em} magnifies the error of {@code s}), a compensated division and
 *       one rounding at the end (which gives +-1 from |x| = 19.06 on); +-1 beyond |x| = 354.
 *   <li>log: {@code x = 2^e m}, m in [sqrt(1/2), sqrt(2)), {@code f = m - 1},
 *       {@code s = f / (2 + f)} with its division remainder, {@code log(m) = 2s + s^3 P(s^2)};
 *       {@code e ln2} (ln 2 in a 42-bit and a second part) added with error compensation.
 *   <li>sin, cos of |x|: {@code |x| = k pi/2 + r}, |r| &le; pi/4, pi/2 in three parts, r as a
 *       double-double; {@code sin r = r + r^3 SP(r^2)}, {@code cos r = 1 - r^2/2 + r^4 CP(r^2)} with
 *       the rounding errors of {@code r^2} and of {@code 1 - r^2/2} compensated; the quadrant
 *       {@code k mod 4} picks sin or cos and the sign; sin takes x's sign at the end.
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

    /** Beyond this |x|, exp takes the two-step scaling (and the vector loops leave it to the scalar code). */
    static final double EXP_FAST = 708;
    /** exp(x) overflows above this (ln(MAX_VALUE) = 709.7827...). */
    static final double EXP_OVER = 709.79;
    /** exp(x) rounds to 0 below this (ln(2^-1075) = -745.1332...). */
    static final double EXP_UNDER = -745.2;
    /**
     * tanh and the float32 exp and tanh use the algorithm up to this |x| (where 2^k stays a normal
     * number); tanh rounds to +-1 from |x| = 19.06 on.
     */
    static final double TANH_FAST = 354;

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

    // (e^r - 1 - r - r^2/2) / r^3 on |r| <= 0.3466, relative error 2^-53
    static final double R0 = 0x1.5555555555556p-3;
    static final double R1 = 0x1.5555555555554p-5;
    static final double R2 = 0x1.11111111109b8p-7;
    static final double R3 = 0x1.6c16c16c1811dp-10;
    static final double R4 = 0x1.a01a01a7c0f12p-13;
    static final double R5 = 0x1.a01a0198a8804p-16;
    static final double R6 = 0x1.71de0db91cbbap-19;
    static final double R7 = 0x1.27e502c598216p-22;
    static final double R8 = 0x1.af38930c76304p-26;
    static final double R9 = 0x1.1f2a265956fb2p-29;

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

    // float32 algorithms (relative errors of the polynomials on the same ranges)
    // (e^r - 1 - r) / r^2, degree 6, 2^-34
    static final double QF0 = 0x1.0000000004980p-1;
    static final double QF1 = 0x1.555555673e79fp-3;
    static final double QF2 = 0x1.555555316a16dp-5;
    static final double QF3 = 0x1.1110c65e2f7c4p-7;
    static final double QF4 = 0x1.6c16fd4e4d96cp-10;
    static final double QF5 = 0x1.a151308e63659p-13;
    static final double QF6 = 0x1.a06cdc2644f44p-16;
    // (2 atanh(s) - 2s) / s^3 in z = s^2, degree 3, 2^-29
    static final double PF0 = 0x1.5555554ba94a9p-1;
    static final double PF1 = 0x1.9999eb8b11198p-2;
    static final double PF2 = 0x1.245c3336d3dddp-2;
    static final double PF3 = 0x1.ddd1c0c5c7fbap-3;
    // (sin r - r) / r^3 in z = r^2, degree 3, 2^-32
    static final double SF0 = -0x1.555555545ab28p-3;
    static final double SF1 = 0x1.11110de91b0bap-7;
    static final double SF2 = -0x1.a013a106a1831p-13;
    static final double SF3 = 0x1.6dbc43abd2291p-19;
    // (cos r - 1 + z/2) / z^2 in z = r^2, degree 3, 2^-34
    static final double CF0 = 0x1.5555555502197p-5;
    static final double CF1 = -0x1.6c16bf5251f25p-10;
    static final double CF2 = 0x1.a015c1b415f6bp-16;
    static final double CF3 = -0x1.25238d8c3297ep-22;

    private static double bits(long b) {
        return Double.longBitsToDouble(b);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    // ------------------------------------------------------------------ polynomials (Estrin's scheme)

    /** Q2(r) given {@code r2 = r * r}. */
    static double q2(double r, double r2) {
        double r4 = r2 * r2;
        double b03 = Math.fma(Math.fma(Q3, r, Q2), r2, Math.fma(Q1, r, Q0));
        double b47 = Math.fma(Math.fma(Q7, r, Q6), r2, Math.fma(Q5, r, Q4));
        double b8a = Math.fma(Q10, r2, Math.fma(Q9, r, Q8));
        return Math.fma(b8a, r4 * r4, Math.fma(b47, r4, b03));
    }

    /** Q3(r) given {@code r2 = r * r}. */
    static double q3(double r, double r2) {
        double r4 = r2 * r2;
        double b03 = Math.fma(Math.fma(R3, r, R2), r2, Math.fma(R1, r, R0));
        double b47 = Math.fma(Math.fma(R7, r, R6), r2, Math.fma(R5, r, R4));
        return Math.fma(Math.fma(R9, r, R8), r4 * r4, Math.fma(b47, r4, b03));
    }

    // ------------------------------------------------------------------ exp

    static double exp(double x) {
        double t = Math.fma(x, INV_LN2, SHIFTER);
        double k = t - SHIFTER;
        double rh1 = Math.fma(k, -LN2_HI, x);
        double rh = Math.fma(k, -LN2_LO, rh1);
        double rl = Math.fma(k, -LN2_LO, rh1 - rh);
        double r2 = rh * rh;
        double q = q2(rh, r2);
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

    // ------------------------------------------------------------------ tanh

    static double tanh(double x) {
        double ax = Math.abs(x);
        if (!(ax <= TANH_FAST)) {
            return ax > TANH_FAST ? bits(ONE_BITS | (bits(x) & SIGN_BIT)) : x;
        }
        double y = ax * -2;
        double t = Math.fma(y, INV_LN2, SHIFTER);
        double k = t - SHIFTER;
        double rh1 = Math.fma(k, -LN2_HI, y);
        double rh = Math.fma(k, -LN2_LO, rh1);
        double rl = Math.fma(k, -LN2_LO, rh1 - rh);
        // exp(r) - 1 = r + r^2/2 + r^3 Q3(r) with r^2/2 exact (h + hl), as s + sl
        double hr = rh * 0.5;
        double h = hr * rh;
        double hl = Math.fma(hr, rh, -h);
        double r2 = rh * rh;
        double lo = Math.fma(r2 * rh, q3(rh, r2), Math.fma(rl, rh, rl) + hl);
        double s0 = rh + h;
        double w = ((rh - s0) + h) + lo;
        double s = s0 + w;
        double sl = (s0 - s) + w;
        // em = exp(y) - 1 = c (1 + s + sl) - 1 = (c - 1) + c s + c sl with c = 2^k, as eh + el
        double c = bits((bits(t) << 52) + ONE_BITS);
        double ch = c - 1;
        double cl = c - (ch + 1);
        double cs = c * s;
        double eh = ch + cs;
        double el = ((ch - eh) + cs) + Math.fma(c, sl, cl);
        // -tanh|x| = em / (2 + em)
        double dh = 2 + eh;
        double dl = ((2 - dh) + eh) + el;
        double inv = 1 / dh;
        double th = eh * inv;
        double rem = Math.fma(-th, dh, eh);
        double tl = Math.fma(-th, dl, rem + el) * inv;
        double r = Math.abs(th + tl);
        return bits(bits(r) | (bits(x) & SIGN_BIT));
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
        double z2 = z * z;
        double p = Math.fma(Math.fma(P6, z2, Math.fma(P5, z, P4)), z2 * z2,
                Math.fma(Math.fma(P3, z, P2), z2, Math.fma(P1, z, P0)));
        double s2 = s + s;
        double a = ed * LN2_A;
        double hi = a + s2;
        double err = s2 - (hi - a);
        double lo = err + Math.fma(sl, 2, Math.fma(ed, LN2_B, s * z * p));
        return hi + lo;
    }

    // ------------------------------------------------------------------ sin, cos

    static double sin(double x) {
        return sinCos(x, 0);
    }

    static double cos(double x) {
        return sinCos(x, 1);
    }

    /** sin(x) for {@code shift} 0, cos(x) for 1: the value of quadrant {@code k + shift} at r. */
    static double sinCos(double x, int shift) {
        double ax = Math.abs(x);
        if (!(ax <= TRIG_MAX)) {
            return shift == 0 ? StrictMath.sin(x) : StrictMath.cos(x);
        }
        // of |x|: sin is odd (x's sign is put back at the end, also on sin(-0)), cos is even
        double t = Math.fma(ax, TWO_OVER_PI, SHIFTER);
        double k = t - SHIFTER;
        double r1 = Math.fma(k, -PIO2_1, ax);
        double p2h = k * PIO2_2;
        double p2l = Math.fma(k, PIO2_2, -p2h);
        double rh = r1 - p2h;
        double bb = rh - r1;
        double e = (r1 - (rh - bb)) + (-p2h - bb);
        double rl = Math.fma(k, -PIO2_3, e - p2l);
        double z = rh * rh;
        double z2 = z * z;
        double z4 = z2 * z2;
        double ps = Math.fma(Math.fma(S6, z2, Math.fma(S5, z, S4)), z4,
                Math.fma(Math.fma(S3, z, S2), z2, Math.fma(S1, z, S0)));
        double sn = rh + Math.fma(rh * z, ps, Math.fma(rl * z, -0.5, rl));
        double pc = Math.fma(Math.fma(C5, z, C4), z4, Math.fma(Math.fma(C3, z, C2), z2, Math.fma(C1, z, C0)));
        double hz = 0.5 * z;
        double w = 1 - hz;
        double zl = Math.fma(rh, rh, -z);
        double cs = w + ((((1 - w) - hz) - Math.fma(rh, rl, 0.5 * zl)) + z2 * pc);
        long q = bits(t) + shift;
        double v = (q & 1) == 0 ? sn : cs;
        return bits(bits(v) ^ ((q & 2) << 62) ^ (bits(x) & (shift == 0 ? SIGN_BIT : 0)));
    }

    /** {@code out[oo + i] = op(a[ao + i])} for op EXP, LOG, SIN, COS or TANH. */
    static void run(Elementwise.Unary op, double[] a, int ao, double[] out, int oo, int n) {
        switch (op) {
            case EXP:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = exp(a[ao + i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = log(a[ao + i]);
                }
                break;
            case SIN:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = sin(a[ao + i]);
                }
                break;
            case COS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = cos(a[ao + i]);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = tanh(a[ao + i]);
                }
                break;
            default:
                throw new IllegalArgumentException(op + " is not transcendental");
        }
    }

    // ------------------------------------------------------------------ float32

    // The float32 functions compute in float64 with their own, shorter polynomials (relative error
    // of the float64 value below 2^-33) and round once to float32.

    /** Elements per block of the float32 loops of {@link #run(Elementwise.Unary, float[], int, float[], int, int)}. */
    private static final int BLOCK = 256;

    /**
     * {@code out[oo + i] = op(a[ao + i])} for float32 and op EXP, LOG, SIN, COS or TANH, the same bits
     * as the functions of one element below: a block at a time, widened to float64 in one loop,
     * computed in a second and rounded in a third. (One loop that widens, computes and rounds each
     * element took 8.4 ns per exp on x86-64 with JDK 17, these three 2.4 ns: the scalar conversions
     * seem to serialize the elements, which the float64 loop alone, at 1.7 ns, does not.)
     */
    static void run(Elementwise.Unary op, float[] a, int ao, float[] out, int oo, int n) {
        double[] w = new double[Math.min(n, BLOCK)];
        for (int s = 0; s < n; s += BLOCK) {
            int m = Math.min(BLOCK, n - s);
            int as = ao + s;
            for (int i = 0; i < m; i++) {
                w[i] = a[as + i];
            }
            switch (op) {
                case EXP:
                    for (int i = 0; i < m; i++) {
                        w[i] = exp32(w[i]);
                    }
                    break;
                case LOG:
                    for (int i = 0; i < m; i++) {
                        w[i] = log32(w[i]);
                    }
                    break;
                case SIN:
                    for (int i = 0; i < m; i++) {
                        w[i] = sinCos32(w[i], 0);
                    }
                    break;
                case COS:
                    for (int i = 0; i < m; i++) {
                        w[i] = sinCos32(w[i], 1);
                    }
                    break;
                case TANH:
                    for (int i = 0; i < m; i++) {
                        w[i] = tanh32(w[i]);
                    }
                    break;
                default:
                    throw new IllegalArgumentException(op + " is not transcendental");
            }
            int os = oo + s;
            for (int i = 0; i < m; i++) {
                out[os + i] = (float) w[i];
            }
        }
    }

    /** exp(x) for float32: in float64, x clamped to [-708, 708] (beyond, the float32 result is 0 or infinity). */
    static float exp(float x) {
        return (float) exp32(x);
    }

    static double exp32(double x) {
        double xc = x < -EXP_FAST ? -EXP_FAST : x > EXP_FAST ? EXP_FAST : x;
        double t = Math.fma(xc, INV_LN2, SHIFTER);
        double k = t - SHIFTER;
        double r = Math.fma(k, -LN2_HI, xc);
        double r2 = r * r;
        double p = Math.fma(r2, qf(r, r2), r);
        return (1 + p) * bits((bits(t) << 52) + ONE_BITS);
    }

    /** tanh(x) for float32: {@code -em / (2 + em)} with {@code em = expm1(-2|x|)}, |x| clamped at 354. */
    static float tanh(float x) {
        return (float) tanh32(x);
    }

    static double tanh32(double x) {
        double y = Math.abs(x) * -2;
        y = y < -2 * TANH_FAST ? -2 * TANH_FAST : y;
        double t = Math.fma(y, INV_LN2, SHIFTER);
        double k = t - SHIFTER;
        double r = Math.fma(k, -LN2_HI, y);
        double r2 = r * r;
        double p = Math.fma(r2, qf(r, r2), r);
        double c = bits((bits(t) << 52) + ONE_BITS);
        double em = Math.fma(c, p, c - 1);
        double v = Math.abs(em / (em + 2));
        return bits(bits(v) | (bits(x) & SIGN_BIT));
    }

    /** log(x) for float32 (every float32 is a normal float64: no subnormal step). */
    static float log(float x) {
        return (float) log32(x);
    }

    static double log32(double x) {
        if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
            return x != x ? x : x == 0 ? Double.NEGATIVE_INFINITY : x < 0 ? Double.NaN : x;
        }
        long b = bits(x);
        long e = (b - SQRT_HALF_BITS) >> 52;
        double m = bits(b - (e << 52));
        double ed = bits(e + SHIFTER_BITS) - SHIFTER;
        double f = m - 1;
        double s = f / (f + 2);
        double z = s * s;
        double p = Math.fma(Math.fma(PF3, z, PF2), z * z, Math.fma(PF1, z, PF0));
        return Math.fma(ed, LN2_HI, Math.fma(s * z, p, s + s));
    }

    static float sin(float x) {
        return (float) sinCos32(x, 0);
    }

    static float cos(float x) {
        return (float) sinCos32(x, 1);
    }

    /** sin (shift 0) or cos (shift 1) for float32: pi/2 in two parts suffices for |x| &le; 2^20. */
    static double sinCos32(double x, int shift) {
        if (!(Math.abs(x) <= TRIG_MAX)) {
            return shift == 0 ? StrictMath.sin(x) : StrictMath.cos(x);
        }
        double t = Math.fma(x, TWO_OVER_PI, SHIFTER);
        double k = t - SHIFTER;
        double r = Math.fma(k, -PIO2_2, Math.fma(k, -PIO2_1, x));
        double z = r * r;
        double z2 = z * z;
        // r (1 + z SP(z)): a product, so sin(-0) keeps its sign
        double sn = r * Math.fma(z, Math.fma(Math.fma(SF3, z, SF2), z2, Math.fma(SF1, z, SF0)), 1);
        double cs = Math.fma(z2, Math.fma(Math.fma(CF3, z, CF2), z2, Math.fma(CF1, z, CF0)), Math.fma(z, -0.5, 1));
        long q = bits(t) + shift;
        double v = (q & 1) == 0 ? sn : cs;
        return bits(bits(v) ^ ((q & 2) << 62));
    }

    /** The float32 (e^r - 1 - r) / r^2, given {@code r2 = r * r}. */
    static double qf(double r, double r2) {
        return Math.fma(Math.fma(QF6, r2, Math.fma(QF5, r, QF4)), r2 * r2,
                Math.fma(Math.fma(QF3, r, QF2), r2, Math.fma(QF1, r, QF0)));
    }
}
