package dezero.ndarray;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * NumPy's {@code str(array)} with its default print options: precision 8, {@code floatmode='maxprec'},
 * line width 75, summarization above 1000 elements with 3 edge items.
 *
 * <p>Floats are printed from their shortest round-tripping decimal digits (float32 values from the
 * shortest digits that round-trip as float32), cut to at most 8 fractional digits (positional) or
 * 8 digits after the first (scientific) by rounding the exact binary value half-to-even. An array
 * is printed in scientific notation when its largest finite non-zero magnitude is at least
 * {@code 1e8} ({@code 1e6} for float32), its smallest is below {@code 1e-4}, or their ratio exceeds
 * 1000. A 0-d array prints as Python prints the scalar ({@code 0.5}, {@code 1e-05}, {@code 3}).
 */
final class Format {
    private static final int PRECISION = 8;
    private static final int LINE_WIDTH = 75;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final String SUMMARY = "...";

    private Format() {
    }

    /** Every line after the first is indented by {@code indent} (as {@code variable(...)} needs). */
    static String format(NdArray a, String indent) {
        String s = format(a);
        return indent.isEmpty() ? s : s.replace("\n", "\n" + indent);
    }

    private static String format(NdArray a) {
        int[] dims = a.shape.raw();
        if (dims.length == 0) {
            return a.dtype == DType.INT64 ? Long.toString(a.longData[a.offset])
                    : scalar(a.dtype == DType.FLOAT32 ? a.floatData[a.offset] : a.doubleData[a.offset],
                            a.dtype == DType.FLOAT32);
        }
        if (a.size() == 0) {
            return "[]";
        }
        boolean summarize = a.size() > THRESHOLD;
        // the printed elements, in order: all of them, or those within EDGE_ITEMS of either end on every axis
        int[][] shown = new int[dims.length][];
        int count = 1;
        for (int ax = 0; ax < dims.length; ax++) {
            int d = dims[ax];
            if (summarize && d > 2 * EDGE_ITEMS) {
                shown[ax] = new int[2 * EDGE_ITEMS];
                for (int i = 0; i < EDGE_ITEMS; i++) {
                    shown[ax][i] = i;
                    shown[ax][EDGE_ITEMS + i] = d - EDGE_ITEMS + i;
                }
            } else {
                shown[ax] = new int[d];
                for (int i = 0; i < d; i++) {
                    shown[ax][i] = i;
                }
            }
            count *= shown[ax].length;
        }
        int[] positions = new int[count];
        int[] idx = new int[dims.length];
        for (int k = 0; k < count; k++) {
            int p = a.offset;
            for (int ax = 0; ax < dims.length; ax++) {
                p += shown[ax][idx[ax]] * a.strides[ax];
            }
            positions[k] = p;
            for (int ax = dims.length - 1; ax >= 0; ax--) {
                if (++idx[ax] < shown[ax].length) {
                    break;
                }
                idx[ax] = 0;
            }
        }
        String[] words;
        switch (a.dtype) {
            case INT64: {
                long[] v = new long[count];
                for (int k = 0; k < count; k++) {
                    v[k] = a.longData[positions[k]];
                }
                words = formatLongs(v);
                break;
            }
            case FLOAT32: {
                double[] v = new double[count];
                for (int k = 0; k < count; k++) {
                    v[k] = a.floatData[positions[k]];
                }
                words = formatFloats(v, true);
                break;
            }
            default: {
                double[] v = new double[count];
                for (int k = 0; k < count; k++) {
                    v[k] = a.doubleData[positions[k]];
                }
                words = formatFloats(v, false);
            }
        }
        return new Layout(dims, words, summarize).render();
    }

    // ------------------------------------------------------------------ layout (brackets, separators, wrapping)

    /** Lays out pre-formatted elements (in C order of the shown elements) as NumPy does. */
    private static final class Layout {
        private final int[] dims;
        private final String[] words;
        private final boolean summarize;
        private int next;

        Layout(int[] dims, String[] words, boolean summarize) {
            this.dims = dims;
            this.words = words;
            this.summarize = summarize;
        }

        String render() {
            return recurse(0, " ", LINE_WIDTH);
        }

        private String recurse(int axis, String hanging, int width) {
            if (axis == dims.length) {
                return words[next++];
            }
            String nextHanging = hanging + " ";
            int nextWidth = width - 1;
            int len = dims[axis];
            boolean showSummary = summarize && 2 * EDGE_ITEMS < len;
            int leading = showSummary ? EDGE_ITEMS : 0;
            int trailing = showSummary ? EDGE_ITEMS : len;
            int axesLeft = dims.length - axis;
            StringBuilder s = new StringBuilder();
            if (axesLeft == 1) {
                int elemWidth = width - 1;
                StringBuilder line = new StringBuilder(hanging);
                for (int i = 0; i < leading; i++) {
                    extendLine(s, line, recurse(axis + 1, nextHanging, nextWidth), elemWidth, hanging);
                    line.append(' ');
                }
                if (showSummary) {
                    extendLine(s, line, SUMMARY, elemWidth, hanging);
                    line.append(' ');
                }
                for (int i = trailing; i > 1; i--) {
                    extendLine(s, line, recurse(axis + 1, nextHanging, nextWidth), elemWidth, hanging);
                    line.append(' ');
                }
                extendLine(s, line, recurse(axis + 1, nextHanging, nextWidth), elemWidth, hanging);
                s.append(line);
            } else {
                String lineSep = "\n".repeat(axesLeft - 1);
                for (int i = 0; i < leading; i++) {
                    s.append(hanging).append(recurse(axis + 1, nextHanging, nextWidth)).append(lineSep);
                }
                if (showSummary) {
                    s.append(hanging).append(SUMMARY).append(lineSep);
                }
                for (int i = trailing; i > 1; i--) {
                    s.append(hanging).append(recurse(axis + 1, nextHanging, nextWidth)).append(lineSep);
                }
                s.append(hanging).append(recurse(axis + 1, nextHanging, nextWidth));
            }
            return "[" + s.substring(hanging.length()) + "]";
        }

        private static void extendLine(StringBuilder s, StringBuilder line, String word, int width, String prefix) {
            boolean wrap = line.length() + word.length() > width && line.length() > prefix.length();
            if (wrap) {
                int end = line.length();
                while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                    end--;
                }
                s.append(line, 0, end).append('\n');
                line.setLength(0);
                line.append(prefix);
            }
            line.append(word);
        }
    }

    // ------------------------------------------------------------------ integers

    private static String[] formatLongs(long[] v) {
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        for (long x : v) {
            max = Math.max(max, x);
            min = Math.min(min, x);
        }
        int width = Math.max(Long.toString(max).length(), Long.toString(min).length());
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = padLeft(Long.toString(v[i]), width);
        }
        return out;
    }

    // ------------------------------------------------------------------ floats in arrays

    /** Formats the shown elements of a float array ({@code single}: the values are float32). */
    private static String[] formatFloats(double[] v, boolean single) {
        int n = v.length;
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        boolean anyFinite = false;
        boolean anyNonFinite = false;
        boolean negInf = false;
        for (double x : v) {
            if (Double.isFinite(x)) {
                anyFinite = true;
                double m = Math.abs(x);
                if (m != 0) {
                    max = Math.max(max, m);
                    min = Math.min(min, m);
                }
            } else {
                anyNonFinite = true;
                negInf |= x == Double.NEGATIVE_INFINITY;
            }
        }
        boolean exp = false;
        if (max != 0) {
            if (single) {
                float mx = (float) max;
                float mn = (float) min;
                exp = mx >= 1e6f || mn < 1e-4f || mx / mn > 1000f;
            } else {
                exp = max >= 1e8 || min < 1e-4 || max / min > 1000;
            }
        }
        String[][] parts = new String[n][];
        int padLeft = 0;
        int padRight = 0;
        int precision = 0;
        int expSize = 0;
        if (anyFinite) {
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(v[i])) {
                    String[] p = exp ? scientific(v[i], single) : positional(v[i], single);
                    parts[i] = p;
                    padLeft = Math.max(padLeft, p[0].length());
                    if (exp) {
                        precision = Math.max(precision, p[1].length());
                        expSize = Math.max(expSize, p[2].length() - 1);
                    } else {
                        padRight = Math.max(padRight, p[1].length());
                    }
                }
            }
            if (exp) {
                padRight = expSize + 2 + precision;
            }
        }
        if (anyNonFinite) {
            int offset = padRight + 1;
            padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
        }
        String[] out = new String[n];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = v[i];
            sb.setLength(0);
            if (!Double.isFinite(x)) {
                String r = Double.isNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
                out[i] = padLeft(r, padLeft + padRight + 1);
                continue;
            }
            String[] p = parts[i];
            if (exp && p[1].length() < precision) {
                // NumPy asks for at least `precision` digits here: those beyond the shortest are the
                // exact value's (they differ from zeros for float32), rounded at the last one
                p = scientific(x, precision);
            }
            for (int k = p[0].length(); k < padLeft; k++) {
                sb.append(' ');
            }
            sb.append(p[0]).append('.').append(p[1]);
            if (exp) {
                for (int k = p[1].length(); k < precision; k++) {
                    sb.append('0');
                }
                sb.append('e').append(p[2].charAt(0));
                for (int k = p[2].length() - 1; k < expSize; k++) {
                    sb.append('0');
                }
                sb.append(p[2], 1, p[2].length());
            } else {
                for (int k = p[1].length(); k < padRight; k++) {
                    sb.append(' ');
                }
            }
            out[i] = sb.toString();
        }
        return out;
    }

    /**
     * Positional digits of a finite value, at most {@link #PRECISION} after the point, trailing
     * zeros dropped: {@code {integer part with sign, fraction digits}}.
     */
    static String[] positional(double x, boolean single) {
        String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
        double m = Math.abs(x);
        Digits d = Digits.shortest(m, single);
        String digits = d.digits;
        int fracCount = Math.max(0, digits.length() - 1 - d.exp);
        if (fracCount > PRECISION) {
            BigDecimal r = new BigDecimal(m).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
            if (r.signum() == 0) {
                return new String[] {sign + "0", ""};
            }
            d = Digits.of(r);
            digits = d.digits;
        }
        return splitPositional(sign, digits, d.exp);
    }

    private static String[] splitPositional(String sign, String digits, int exp) {
        int n = digits.length();
        if (exp < 0) {
            return new String[] {sign + "0", "0".repeat(-exp - 1) + digits};
        }
        if (exp + 1 >= n) {
            return new String[] {sign + digits + "0".repeat(exp + 1 - n), ""};
        }
        return new String[] {sign + digits.substring(0, exp + 1), digits.substring(exp + 1)};
    }

    /**
     * Scientific digits of a finite value, at most {@link #PRECISION} after the first digit:
     * {@code {first digit with sign, further digits, exponent with sign and at least two digits}}.
     */
    static String[] scientific(double x, boolean single) {
        String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
        double m = Math.abs(x);
        Digits d = Digits.shortest(m, single);
        if (d.digits.length() - 1 > PRECISION) {
            d = Digits.of(new BigDecimal(m).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN)));
        }
        return new String[] {sign + d.digits.charAt(0), d.digits.substring(1), exponent(d.exp)};
    }

    /** Scientific digits of the exact value of {@code x}, rounded to {@code 1 + frac} significant digits. */
    private static String[] scientific(double x, int frac) {
        String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
        double m = Math.abs(x);
        Digits d = m == 0 ? Digits.of(BigDecimal.ZERO)
                : Digits.of(new BigDecimal(m).round(new MathContext(frac + 1, RoundingMode.HALF_EVEN)));
        return new String[] {sign + d.digits.charAt(0), d.digits.substring(1), exponent(d.exp)};
    }

    private static String exponent(int e) {
        String s = Integer.toString(Math.abs(e));
        return (e < 0 ? "-" : "+") + (s.length() < 2 ? "0" + s : s);
    }

    // ------------------------------------------------------------------ scalars

    /**
     * Python's {@code repr} of a float; NumPy's {@code str} of a float32 scalar when {@code single}
     * (the same, from float32 digits, but scientific from {@code 1e6} on instead of {@code 1e16}).
     */
    static String scalar(double x, boolean single) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x < 0 ? "-inf" : "inf";
        }
        String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
        double m = Math.abs(x);
        Digits d = Digits.shortest(m, single);
        if (m == 0 || (m < (single ? 1e6 : 1e16) && m >= 1e-4)) {
            String[] p = splitPositional(sign, d.digits, d.exp);
            return p[0] + "." + (p[1].isEmpty() ? "0" : p[1]);
        }
        String mant = d.digits.length() == 1 ? d.digits : d.digits.charAt(0) + "." + d.digits.substring(1);
        return sign + mant + "e" + exponent(d.exp);
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    // ------------------------------------------------------------------ shortest digits

    /** Significant decimal digits (no leading or trailing zeros; "0" for zero) and the exponent of the first. */
    static final class Digits {
        private static final MathContext[] FLOOR = new MathContext[18];
        private static final MathContext[] CEILING = new MathContext[18];
        private static final MathContext[] NEAREST = new MathContext[18];

        static {
            for (int p = 1; p < 18; p++) {
                FLOOR[p] = new MathContext(p, RoundingMode.FLOOR);
                CEILING[p] = new MathContext(p, RoundingMode.CEILING);
                NEAREST[p] = new MathContext(p, RoundingMode.HALF_EVEN);
            }
        }

        final String digits;
        /** The value is {@code 0.d1d2... * 10^(exp + 1)}, i.e. {@code d1.d2... * 10^exp}. */
        final int exp;

        private Digits(String digits, int exp) {
            this.digits = digits;
            this.exp = exp;
        }

        static Digits of(BigDecimal v) {
            if (v.signum() == 0) {
                return new Digits("0", 0);
            }
            BigDecimal s = v.stripTrailingZeros();
            String digits = s.unscaledValue().abs().toString();
            return new Digits(digits, digits.length() - s.scale() - 1);
        }

        /**
         * The fewest significant digits that read back as {@code m} (a non-negative finite value; as a
         * float32 when {@code single}), and of those the closest to {@code m}.
         */
        static Digits shortest(double m, boolean single) {
            if (m == 0) {
                return new Digits("0", 0);
            }
            BigDecimal exact = new BigDecimal(m);
            int maxDigits = single ? 9 : 17;
            for (int p = 1; p <= maxDigits; p++) {
                BigDecimal near = exact.round(NEAREST[p]);
                if (readsBack(near, m, single)) {
                    return of(near);
                }
                BigDecimal lo = exact.round(FLOOR[p]);
                BigDecimal other = lo.compareTo(near) == 0 ? exact.round(CEILING[p]) : lo;
                if (readsBack(other, m, single)) {
                    return of(other);
                }
            }
            return of(exact.round(NEAREST[maxDigits]));
        }

        private static boolean readsBack(BigDecimal d, double m, boolean single) {
            String s = d.toString();
            return single ? Float.parseFloat(s) == (float) m : Double.parseDouble(s) == m;
        }
    }
}
