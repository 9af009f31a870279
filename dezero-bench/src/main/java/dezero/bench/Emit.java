package dezero.bench;

import java.util.Locale;
import java.util.Map;

/** One JSON object per line on stdout, in the format of {@code shared/bench/peers.py}; spreads on stderr. */
final class Emit {
    static final String IMPL = "dezero-java";

    private Emit() {
    }

    /** {@code params} is a JSON object's text, e.g. {@code {"N": 256}}. */
    static void line(String workload, String dtype, String params, String metric, double value, String unit,
            double[] samples) {
        System.out.println(String.format(Locale.ROOT,
                "{\"workload\": \"%s\", \"impl\": \"%s\", \"dtype\": \"%s\", \"params\": %s, \"metric\": \"%s\", "
                        + "\"value\": %s, \"unit\": \"%s\"}",
                workload, IMPL, dtype, params, metric, number(value), unit));
        System.out.flush();
        if (samples != null && Boolean.getBoolean("dezero.bench.samples")) {
            System.err.println("  samples " + java.util.Arrays.toString(samples));
        }
        if (samples != null && samples.length > 0) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double s : samples) {
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
            System.err.println(String.format(Locale.ROOT,
                    "  %-13s %-15s %-7s %-20s median %.6g %s  (min %.6g, max %.6g, n=%d, range %.1f%%)  %s",
                    workload, IMPL, dtype, metric, value, unit, lo, hi, samples.length, (hi - lo) / value * 100,
                    params));
        } else {
            System.err.println(String.format(Locale.ROOT, "  %-13s %-15s %-7s %-20s %.10g %s", workload, IMPL, dtype,
                    metric, value, unit));
        }
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return Double.toString(v);
    }

    /** A JSON object from alternating keys and values (strings are quoted, numbers and lists as given). */
    static String params(Object... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('"').append(kv[i]).append("\": ");
            Object v = kv[i + 1];
            if (v instanceof String) {
                sb.append('"').append(v).append('"');
            } else if (v instanceof Map) {
                throw new IllegalArgumentException("nested maps are not supported");
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }
}
