package dezero.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The timing protocol of {@code shared/bench/peers.py}: untimed warm-up calls, a calibration call
 * that sets how many calls make one repeat last at least {@link #targetSeconds}, then
 * {@link #repeats} timed repeats; the value is the median of the per-call means.
 */
final class Measure {
    static int repeats = 7;
    static double targetSeconds = 0.3;
    /** Keeps results alive so the JIT cannot drop the work. */
    static volatile Object sink;

    private Measure() {
    }

    /** Seconds per call of {@code fn}, one per repeat. */
    static double[] perCall(Supplier<?> fn, int warmup) {
        for (int i = 0; i < warmup; i++) {
            sink = fn.get();
        }
        long t0 = System.nanoTime();
        sink = fn.get();
        double single = (System.nanoTime() - t0) * 1e-9;
        int inner = (int) Math.max(1, Math.ceil(targetSeconds / Math.max(single, 1e-9)));
        System.gc();
        double[] out = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                sink = fn.get();
            }
            out[r] = (System.nanoTime() - s) * 1e-9 / inner;
        }
        return out;
    }

    /** Runs {@code run} once per repeat (after {@code warmup} untimed runs), collecting what each returns. */
    static <T> List<T> repeat(Supplier<T> run, int warmup) {
        for (int i = 0; i < warmup; i++) {
            sink = run.get();
        }
        System.gc();
        List<T> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            out.add(run.get());
        }
        return out;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static double[] scale(double[] xs, double k) {
        double[] r = new double[xs.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = xs[i] * k;
        }
        return r;
    }

    static double[] map(double[] xs, java.util.function.DoubleUnaryOperator f) {
        double[] r = new double[xs.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(xs[i]);
        }
        return r;
    }
}
