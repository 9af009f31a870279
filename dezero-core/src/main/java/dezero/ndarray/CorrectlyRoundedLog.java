package dezero.ndarray;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The natural logarithm rounded to the nearest double (ties to even): the exact value of
 * {@code ln x} correctly rounded, whatever the platform.
 *
 * <p>Why: NumPy's legacy Gaussian draws (polar Box-Muller) take {@code log} of a random number,
 * and the C library's {@code log} differs between platforms in the last bit now and then. A
 * correctly rounded log is the one definition every good libm agrees with almost always (glibc's
 * {@code log} rounds about 1 argument in 1200 the other way), so {@link RandomState} reproduces
 * NumPy's Gaussian stream to the bit except on those rare draws, and gives the same numbers on
 * every JVM. {@link Math#log} is only specified to within one ulp; its last bit may depend on the
 * JVM and the hardware.
 *
 * <p>Method (Ziv's strategy). Write {@code x = 2^e m} with {@code m} in {@code [sqrt(1/2),
 * sqrt(2))} and pick {@code c = 1 + j/256} nearest to {@code m}; with {@code r}, the double
 * nearest {@code 1/c}, {@code ln x = e ln 2 - ln r + ln(1 + t)} where {@code t = m r - 1} is
 * computed exactly as a sum of two doubles (|t| &lt; 2^-8.5). {@code ln r} (a table made at class
 * initialisation) and {@code ln 2} are known to about 106 bits; {@code ln(1 + t)} is summed from
 * its Taylor series with the leading terms in double-double arithmetic. The result, good to about
 * 2^-69 relative, decides the rounding unless it lies within 2^-68 (relative) of a midpoint
 * between two doubles; then (about 4 calls in 100,000) the logarithm is recomputed with
 * {@link BigDecimal} at increasing precision until the rounding is certain.
 */
final class CorrectlyRoundedLog {
    private CorrectlyRoundedLog() {
    }

    /** Reduction grid: {@code c = 1 + j / STEPS}. */
    private static final int STEPS = 256;
    private static final int J_MIN = -76;
    private static final int J_MAX = 107;
    private static final double SQRT2 = 1.4142135623730951;

    /** {@code ln 2 = LN2_HI + LN2_LO}; LN2_HI has its 12 low mantissa bits zero, so {@code e * LN2_HI} is exact. */
    private static final double LN2_HI;
    private static final double LN2_LO;
    /** {@code INV_C[j - J_MIN]} = the double nearest {@code 1 / (1 + j/STEPS)}. */
    private static final double[] INV_C = new double[J_MAX - J_MIN + 1];
    /** {@code -ln(INV_C[k]) = LOG_C_HI[k] + LOG_C_LO[k]}. */
    private static final double[] LOG_C_HI = new double[J_MAX - J_MIN + 1];
    private static final double[] LOG_C_LO = new double[J_MAX - J_MIN + 1];

    /** Coefficients {@code (-1)^(k+1) / (k + 3)} of {@code (ln(1+t) - t + t^2/2) / t^3} beyond the first. */
    private static final double[] TAIL = new double[9];

    private static final int LN2_DIGITS = 130;
    private static final BigDecimal LN2_BIG = computeLn2(new MathContext(LN2_DIGITS, RoundingMode.HALF_EVEN));

    /** Working precision (decimal digits) of the table computation. */
    private static final MathContext TABLE_MC = new MathContext(45, RoundingMode.HALF_EVEN);

    static {
        BigDecimal ln2 = ln2(TABLE_MC);
        double ln2Double = ln2.doubleValue();
        LN2_HI = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2Double) & ~0xFFFL);
        LN2_LO = ln2.subtract(new BigDecimal(LN2_HI), TABLE_MC).doubleValue();
        for (int j = J_MIN; j <= J_MAX; j++) {
            int k = j - J_MIN;
            double c = 1 + (double) j / STEPS;
            INV_C[k] = 1 / c;
            BigDecimal logC = logOfNormalized(new BigDecimal(INV_C[k]), TABLE_MC).negate();
            LOG_C_HI[k] = logC.doubleValue();
            LOG_C_LO[k] = logC.subtract(new BigDecimal(LOG_C_HI[k]), TABLE_MC).doubleValue();
        }
        for (int i = 0; i < TAIL.length; i++) {
            int n = i + 4;
            TAIL[i] = (n % 2 == 0 ? -1.0 : 1.0) / n;
        }
    }

    /** {@code ln x} correctly rounded; NaN, zero, negative and infinite arguments as {@link Math#log}. */
    static double log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x);
        }
        if (x == 1) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52);
        if (e == 0) { // subnormal: scale into the normal range
            bits = Double.doubleToRawLongBits(x * 0x1p54);
            e = (int) (bits >>> 52) - 54;
        }
        e -= 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m >= SQRT2) {
            m *= 0.5;
            e++;
        }
        int j = (int) Math.rint((m - 1) * STEPS);
        int k = j - J_MIN;
        double r = INV_C[k];

        // t = m * r - 1 = th + tl exactly.
        double p = m * r;
        double perr = twoProductError(m, r, p);
        double q = p - 1; // exact: p is within a factor 2 of 1
        double th = q + perr;
        double tl = twoSumError(q, perr, th);

        // ln(1 + t) = t - t^2/2 + t^3/3 - ...; th^2 = sq + sqErr exactly.
        double sq = th * th;
        double sqErr = twoProductError(th, th, sq);
        double halfSq = 0.5 * sq;
        double a = th - halfSq;
        double aErr = twoSumError(th, -halfSq, a);
        double tail = TAIL[TAIL.length - 1];
        for (int i = TAIL.length - 2; i >= 0; i--) {
            tail = tail * th + TAIL[i];
        }
        // t^3/3 + t^4 * tail, with the first-order effect of tl on t^2/2 and t^3/3.
        double cube = sq * th;
        double series = cube * (1.0 / 3) + cube * th * tail;
        double small = aErr + tl - 0.5 * sqErr - th * tl + sq * tl + series;

        // e ln 2 + ln c + ln(1 + t) in double-double.
        double eHi = e * LN2_HI; // exact
        double s1 = eHi + LOG_C_HI[k];
        double s1Err = twoSumError(eHi, LOG_C_HI[k], s1);
        double s2 = s1 + a;
        double s2Err = twoSumError(s1, a, s2);
        double rest = s1Err + s2Err + (e * LN2_LO + LOG_C_LO[k]) + small;
        double hi = s2 + rest;
        double lo = twoSumError(s2, rest, hi);

        // |ln x - (hi + lo)| < 2^-69.2 |hi|, mostly the rounding of t^3/3 (|t| < 2^-8.5); the largest
        // seen against 300-bit logarithms is 2^-71. Round hi + lo unless a midpoint is that close.
        double eps = Math.abs(hi) * 0x1p-68;
        double gap = lo >= 0 == hi > 0 ? Math.ulp(hi) : Math.abs(hi - towardZero(hi));
        double mid = gap * 0.5;
        double dist = Math.abs(lo);
        if (dist < mid - eps) {
            return hi;
        }
        if (dist > mid + eps && dist < gap * 1.5 - eps) {
            return lo > 0 ? Math.nextUp(hi) : Math.nextDown(hi);
        }
        return slowLog(x);
    }

    private static double towardZero(double v) {
        return v > 0 ? Math.nextDown(v) : Math.nextUp(v);
    }

    /** The rounding error of {@code s = a + b}: {@code a + b = s + err} exactly (Knuth's TwoSum). */
    private static double twoSumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    private static final double SPLIT = 0x1p27 + 1;

    /** The rounding error of {@code p = a * b}: {@code a * b = p + err} exactly (Dekker's product). */
    private static double twoProductError(double a, double b, double p) {
        double ta = SPLIT * a;
        double ah = ta - (ta - a);
        double al = a - ah;
        double tb = SPLIT * b;
        double bh = tb - (tb - b);
        double bl = b - bh;
        return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    }

    // ------------------------------------------------------------------ arbitrary precision

    /** {@code ln x} for finite {@code x > 0}, correctly rounded by BigDecimal arithmetic of growing precision. */
    static double slowLog(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52);
        if (e == 0) {
            bits = Double.doubleToRawLongBits(x * 0x1p54);
            e = (int) (bits >>> 52) - 54;
        }
        e -= 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m >= SQRT2) {
            m *= 0.5;
            e++;
        }
        for (int digits = 40;; digits *= 2) {
            MathContext mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
            BigDecimal v = logOfNormalized(new BigDecimal(m), mc).add(ln2(mc).multiply(BigDecimal.valueOf(e)), mc);
            // |v - ln x| is far below 10^-digits |v|: every step works with digits + 10 digits, and
            // |ln x| >= ln(sqrt 2) > 0.3 whenever e != 0 (ln m carries its own relative accuracy).
            BigDecimal eta = v.abs().movePointLeft(digits);
            double lower = v.subtract(eta).doubleValue();
            double upper = v.add(eta).doubleValue();
            if (lower == upper) {
                return lower;
            }
        }
    }

    /** {@code ln 2}, rounded to the precision of {@code mc}. */
    private static BigDecimal ln2(MathContext mc) {
        return mc.getPrecision() <= LN2_DIGITS ? LN2_BIG.round(mc) : computeLn2(mc);
    }

    /** {@code ln 2 = 2 atanh(1/3)}. */
    private static BigDecimal computeLn2(MathContext mc) {
        MathContext work = new MathContext(mc.getPrecision() + 5, RoundingMode.HALF_EVEN);
        return atanhTimes2(BigDecimal.ONE.divide(BigDecimal.valueOf(3), work), work).round(mc);
    }

    /** {@code ln m} for {@code m} in about {@code [0.7, 1.42]}: {@code 2 atanh((m - 1) / (m + 1))}. */
    private static BigDecimal logOfNormalized(BigDecimal m, MathContext mc) {
        BigDecimal s = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), mc);
        return atanhTimes2(s, mc);
    }

    /** {@code 2 (s + s^3/3 + s^5/5 + ...)} for {@code |s| <= 1/3}, to the precision of {@code mc}. */
    private static BigDecimal atanhTimes2(BigDecimal s, MathContext mc) {
        if (s.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s2 = s.multiply(s, mc);
        BigDecimal power = s;
        BigDecimal sum = s;
        BigDecimal threshold = s.abs().movePointLeft(mc.getPrecision() + 2);
        for (int n = 3;; n += 2) {
            power = power.multiply(s2, mc);
            BigDecimal term = power.divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(threshold) < 0) {
                break;
            }
        }
        return sum.add(sum);
    }
}
