package dezero.ndarray;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * exp, log, tanh, sin and cos of a double to about 70 significant digits with {@link BigDecimal}
 * (plain Taylor and atanh series), to measure the error of {@link Transcendental} in ulps of the exact
 * value. Slow (tens of microseconds a call): for thousands of arguments, not millions.
 */
final class ReferenceMath {
    private ReferenceMath() {
    }

    static final MathContext MC = new MathContext(80, RoundingMode.HALF_EVEN);
    private static final BigDecimal TINY = new BigDecimal("1e-100");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    static final BigDecimal LN2 = atanh(BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC)).multiply(TWO, MC);
    static final BigDecimal PI = atan(BigDecimal.ONE.divide(BigDecimal.valueOf(5), MC)).multiply(BigDecimal.valueOf(16), MC)
            .subtract(atan(BigDecimal.ONE.divide(BigDecimal.valueOf(239), MC)).multiply(BigDecimal.valueOf(4), MC), MC);
    private static final BigDecimal HALF_PI = PI.multiply(HALF, MC);

    /** sum of u^(2n+1) / (2n+1). */
    static BigDecimal atanh(BigDecimal u) {
        BigDecimal u2 = u.multiply(u, MC);
        BigDecimal p = u;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 0; p.abs().compareTo(TINY) > 0; n++) {
            sum = sum.add(p.divide(BigDecimal.valueOf(2 * n + 1), MC), MC);
            p = p.multiply(u2, MC);
        }
        return sum;
    }

    /** sum of (-1)^n u^(2n+1) / (2n+1). */
    static BigDecimal atan(BigDecimal u) {
        BigDecimal u2 = u.multiply(u, MC).negate();
        BigDecimal p = u;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 0; p.abs().compareTo(TINY) > 0; n++) {
            sum = sum.add(p.divide(BigDecimal.valueOf(2 * n + 1), MC), MC);
            p = p.multiply(u2, MC);
        }
        return sum;
    }

    /** e^x - 1 by its series, for |x| &lt; 1 (terms summed until below 10^-90 of the first). */
    static BigDecimal expm1Series(BigDecimal x) {
        BigDecimal stop = x.abs().multiply(new BigDecimal("1e-90"));
        BigDecimal term = x;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 2; term.abs().compareTo(stop) > 0; n++) {
            sum = sum.add(term, MC);
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(n), MC);
        }
        return sum;
    }

    static BigDecimal exp(BigDecimal x) {
        // e^x = (e^(x / 2^m))^(2^m) with |x / 2^m| < 2^-8
        int m = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(new BigDecimal("0.004")) > 0) {
            r = r.multiply(HALF);
            m++;
        }
        BigDecimal y = expm1Series(r).add(BigDecimal.ONE, MC);
        for (int i = 0; i < m; i++) {
            y = y.multiply(y, MC);
        }
        return y;
    }

    static BigDecimal exp(double x) {
        return exp(new BigDecimal(x));
    }

    /** ln x for a positive finite double. */
    static BigDecimal log(double x) {
        int e = Math.getExponent(x);
        BigDecimal m = new BigDecimal(x);
        if (e < Double.MIN_EXPONENT) {
            e = Math.getExponent(x * 0x1p60) - 60;
        }
        m = e >= 0 ? m.divide(new BigDecimal(BigInteger.TWO.pow(e))) : m.multiply(new BigDecimal(BigInteger.TWO.pow(-e)));
        if (m.compareTo(new BigDecimal("1.5")) > 0) {
            m = m.multiply(HALF);
            e++;
        }
        BigDecimal u = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        return atanh(u).multiply(TWO, MC).add(LN2.multiply(BigDecimal.valueOf(e), MC), MC);
    }

    static BigDecimal tanh(double x) {
        BigDecimal y = new BigDecimal(-2 * Math.abs(x));
        BigDecimal em = y.abs().compareTo(BigDecimal.ONE) < 0 ? expm1Series(y) : exp(y).subtract(BigDecimal.ONE, MC);
        BigDecimal t = em.negate().divide(em.add(TWO, MC), MC);
        return x < 0 || (x == 0 && 1 / x < 0) ? t.negate() : t;
    }

    /** sin x ({@code shift} 0) or cos x (1) for a finite double. */
    static BigDecimal sinCos(double x, int shift) {
        BigDecimal bx = new BigDecimal(x);
        BigInteger k = bx.divide(HALF_PI, MC).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        BigDecimal r = bx.subtract(HALF_PI.multiply(new BigDecimal(k), MC), MC);
        int q = k.add(BigInteger.valueOf(shift)).mod(BigInteger.valueOf(4)).intValue();
        BigDecimal r2 = r.multiply(r, MC).negate();
        // sin r and cos r by their series
        BigDecimal s = BigDecimal.ZERO;
        BigDecimal c = BigDecimal.ZERO;
        BigDecimal ts = r;
        BigDecimal tc = BigDecimal.ONE;
        for (int n = 1; ts.abs().compareTo(TINY) > 0 || tc.abs().compareTo(TINY) > 0; n += 2) {
            s = s.add(ts, MC);
            c = c.add(tc, MC);
            ts = ts.multiply(r2, MC).divide(BigDecimal.valueOf((long) (n + 1) * (n + 2)), MC);
            tc = tc.multiply(r2, MC).divide(BigDecimal.valueOf((long) n * (n + 1)), MC);
        }
        switch (q) {
            case 0:
                return s;
            case 1:
                return c;
            case 2:
                return s.negate();
            default:
                return c.negate();
        }
    }

    /**
     * |y - exact| in units of the last place of exact in float64 ({@code f32} false) or float32: 0 when
     * y is the exact value's rounding to infinity, infinite when y is infinite and should not be.
     */
    static double ulpError(double y, BigDecimal exact, boolean f32) {
        double d = f32 ? exact.floatValue() : exact.doubleValue();
        if (Double.isInfinite(d)) {
            return y == d ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(y) || Double.isInfinite(y)) {
            return Double.POSITIVE_INFINITY;
        }
        if (exact.signum() == 0) {
            return y == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double a = Math.abs(d);
        double u = f32 ? Math.ulp((float) a) : Math.ulp(a);
        // exact just below a power of two whose rounding is that power: the ulp of the binade below
        boolean powerOfTwo = f32 ? (Float.floatToRawIntBits((float) a) & 0x7fffff) == 0
                : (Double.doubleToRawLongBits(a) & 0xfffffffffffffL) == 0;
        if (powerOfTwo && exact.abs().compareTo(new BigDecimal(a)) < 0
                && a > (f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL)) {
            u /= 2;
        }
        return new BigDecimal(y).subtract(exact, MC).abs().divide(new BigDecimal(u), MC).doubleValue();
    }
}
