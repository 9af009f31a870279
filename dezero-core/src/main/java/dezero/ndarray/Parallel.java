package dezero.ndarray;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a range of work across the cores for large arrays.
 *
 * <p>A range {@code [0, n)} is cut into chunks; the calling thread and the workers of a small shared
 * pool of daemon threads ({@code THREADS - 1} of them) claim chunks until none is left,
 * so the call completes even when every worker is busy elsewhere. Below {@link #THRESHOLD} elements
 * everything runs on the calling thread.
 */
final class Parallel {
    /** Element count from which a kernel is split across threads. */
    static final int THRESHOLD = 1 << 16;
    /** The smallest chunk handed to another thread. */
    private static final int MIN_CHUNK = 1 << 15;
    /** Threads that share a large kernel: the system property {@code dezero.threads}, else the processor count. */
    static final int THREADS = Math.max(1, Integer.getInteger("dezero.threads",
            Runtime.getRuntime().availableProcessors()));

    /** Work on the half-open range {@code [start, end)}. */
    interface Range {
        void run(int start, int end);
    }

    private Parallel() {
    }

    /** True when {@code n} elements are worth splitting. */
    static boolean worthIt(long n) {
        return THREADS > 1 && n >= THRESHOLD;
    }

    /** Runs {@code body} over {@code [0, n)}, split across the cores when {@code n} is large. */
    static void forRange(int n, Range body) {
        forRange(n, MIN_CHUNK, body);
    }

    /**
     * Runs {@code body} over {@code [0, n)}; {@code grain} is the smallest chunk worth a thread
     * (in units of the range, e.g. rows when the range counts rows).
     */
    static void forRange(int n, int grain, Range body) {
        // a few chunks per thread, so that a thread slowed down by other processes delays little
        int chunks = THREADS <= 1 ? 1 : (int) Math.min(4L * THREADS, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        Job job = new Job(n, chunks, body);
        ExecutorService pool = Pool.POOL;
        // each helper claims chunks until none is left: one per pool thread is enough
        int helpers = Math.min(chunks - 1, THREADS - 1);
        for (int i = 0; i < helpers; i++) {
            pool.execute(job);
        }
        job.run();
        job.await();
    }

    /** The chunks of one call; run by the caller and by pool workers alike. */
    private static final class Job implements Runnable {
        private final int n;
        private final int chunks;
        private final Range body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final Thread caller = Thread.currentThread();
        private volatile Throwable failure;

        Job(int n, int chunks, Range body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
        }

        @Override
        public void run() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (done.incrementAndGet() == chunks) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void await() {
            while (done.get() < chunks) {
                LockSupport.park(this);
            }
            Throwable t = failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
        }
    }

    /** The shared daemon workers, created on first use. */
    private static final class Pool {
        static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
            Thread t = new Thread(r, "dezero-ndarray-worker");
            t.setDaemon(true);
            return t;
        });
    }
}
