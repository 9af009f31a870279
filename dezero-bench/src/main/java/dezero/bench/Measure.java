package dezero.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The timing protocol of {@code shared/bench/peers.py}: untimed warm-up calls, a calibration that
 * sets how many calls make one repeat last at least {@link #targetSeconds}, then {@link #repeats}
 * timed repeats; the value is the median of the per-call means.
 *
 * <p>peers.py calibrates with a single call. Here the calibration runs calls for a sixth of the
 * target time and takes their mean: just after the warm-up calls the JIT is still compiling, a single
 * call can take several times the later ones, and repeats sized from it would last a fraction of
 * the target and time the compiler's progress rather than the workload.
 *
 * <p>Like peers.py, every series is guarded against other processes on the machine: before it
 * starts, it waits (up to {@link #maxWaitSeconds}) until other processes use less than 3 % of all
 * CPUs for three consecutive 0.5 s windows, and a series during which others used more than 5 % is
 * run again (up to 3 tries, the least disturbed one kept). The share others used is logged.
 */
final class Measure {
    static int repeats = 7;
    static double targetSeconds = 0.3;
    static double maxWaitSeconds = 120;
    static final double QUIET_LOAD = 0.03;
    static final double MAX_OTHER = 0.05;
    static final int MAX_TRIES = 3;
    /** Keeps results alive so the JIT cannot drop the work. */
    static volatile Object sink;

    private Measure() {
    }

    /** Seconds per call of {@code fn}, one per repeat. */
    static double[] perCall(Supplier<?> fn, int warmup) {
        return guarded(() -> perCallUnguarded(fn, warmup));
    }

    private static double[] perCallUnguarded(Supplier<?> fn, int warmup) {
        for (int i = 0; i < warmup; i++) {
            sink = fn.get();
        }
        long t0 = System.nanoTime();
        long calibrate = (long) (targetSeconds / 6 * 1e9);
        int calls = 0;
        long elapsed;
        do {
            sink = fn.get();
            calls++;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < calibrate);
        double single = elapsed * 1e-9 / calls;
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
        return guarded(() -> repeatUnguarded(run, warmup));
    }

    private static <T> List<T> repeatUnguarded(Supplier<T> run, int warmup) {
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

    /** Runs {@code series} when the machine is quiet; again (up to 3 tries) if others disturbed it. */
    static <T> T guarded(Supplier<T> series) {
        T best = null;
        double bestOther = Double.POSITIVE_INFINITY;
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            waitQuiet();
            CpuSnapshot s0 = CpuSnapshot.now();
            T res = series.get();
            double other = CpuSnapshot.otherLoad(s0, CpuSnapshot.now());
            if (best == null || other < bestOther) {
                best = res;
                bestOther = other;
            }
            if (other <= MAX_OTHER) {
                break;
            }
            System.err.printf(java.util.Locale.ROOT,
                    "  [noise] other processes used %.0f%% of the machine during the series (try %d)%n",
                    other * 100, attempt);
        }
        System.err.printf(java.util.Locale.ROOT, "  [load] other processes used %.1f%% of the machine%n",
                bestOther * 100);
        return best;
    }

    /** Waits until other processes use less than 3 % of the machine for three 0.5 s windows. */
    static void waitQuiet() {
        if (maxWaitSeconds <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        int ok = 0;
        while (ok < 3 && (System.nanoTime() - t0) * 1e-9 < maxWaitSeconds) {
            CpuSnapshot s0 = CpuSnapshot.now();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ok = CpuSnapshot.otherLoad(s0, CpuSnapshot.now()) < QUIET_LOAD ? ok + 1 : 0;
        }
        double waited = (System.nanoTime() - t0) * 1e-9;
        if (waited > 5) {
            System.err.printf(java.util.Locale.ROOT, "  [noise] waited %.0fs for other processes to go quiet%s%n",
                    waited, ok >= 3 ? "" : " (gave up)");
        }
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
