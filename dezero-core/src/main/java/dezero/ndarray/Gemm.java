package dezero.ndarray;

/**
 * What the gemm kernels of every dtype share: whether the Vector API is used, and how a large
 * product is split over threads.
 *
 * <p>A product is split into independent parts (row or column ranges of the result, whole tiles
 * each) that the calling thread and the shared workers of {@link Parallel} claim until none is
 * left, so a product completes even when every worker is busy elsewhere.
 */
final class Gemm {
    private Gemm() {
    }

    /** True when the JVM has {@code jdk.incubator.vector} and {@code -Ddezero.vector=false} is not set. */
    static final boolean VECTOR_AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("dezero.vector"));

    /** Package-private switch (tests): use the Vector-API kernels; never true without the module. */
    private static volatile boolean vector = VECTOR_AVAILABLE;

    /** Package-private switch (tests): at most this many threads per product. */
    private static volatile int maxThreads = Parallel.THREADS;

    /** Multiply-adds ({@code m*n*k}) from which a product is split over threads. */
    private static volatile long parallelMinWork = 1L << 21;

    /** Multiply-adds per part below which more parts do not pay. */
    private static volatile long partMinWork = 1L << 20;

    static boolean vector() {
        return vector;
    }

    /** Forces the plain-Java kernels ({@code false}) or the Vector-API ones when available; returns the old value. */
    static boolean setVector(boolean on) {
        boolean old = vector;
        vector = on && VECTOR_AVAILABLE;
        return old;
    }

    static int maxThreads() {
        return maxThreads;
    }

    /** Limits the threads per product (1 = single-threaded); returns the old value. */
    static int setMaxThreads(int n) {
        int old = maxThreads;
        maxThreads = Math.max(1, n);
        return old;
    }

    /** Sets the work thresholds of {@link #parts} (tests force splits of small products); returns the old pair. */
    static long[] setThresholds(long parallelMin, long partMin) {
        long[] old = {parallelMinWork, partMinWork};
        parallelMinWork = parallelMin;
        partMinWork = Math.max(1, partMin);
        return old;
    }

    /** How many parts a product of {@code work} multiply-adds should be split into. */
    static int parts(long work) {
        int t = maxThreads;
        if (t <= 1 || work < parallelMinWork) {
            return 1;
        }
        return (int) Math.max(1, Math.min(t, work / partMinWork));
    }

    /** A part of a split product. */
    interface Part {
        void run(int index);
    }

    /** Runs {@code part.run(0..parts-1)} on this thread and the workers of {@link Parallel}; returns when done. */
    static void run(int parts, Part part) {
        if (parts <= 1) {
            part.run(0);
            return;
        }
        Parallel.forRange(parts, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                part.run(i);
            }
        });
    }
}
