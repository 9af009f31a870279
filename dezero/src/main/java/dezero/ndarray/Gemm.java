package dezero.ndarray;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What the gemm kernels of every dtype share: whether the Vector API is used, how many threads a
 * product may use, and the small daemon pool that runs the parts of a large product.
 *
 * <p>A product is split into independent parts (column or row ranges of the result); the calling
 * thread runs part 0 itself and the pool's threads run the others, so a pool of
 * {@code availableProcessors() - 1} threads keeps every core busy. The parts never submit work of
 * their own, so nested or concurrent products cannot deadlock: a part that finds no free worker is
 * simply run by the caller.
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
    private static volatile int maxThreads = Runtime.getRuntime().availableProcessors();

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

    /** Runs {@code part.run(0..parts-1)}, part 0 on this thread, the others on the pool; returns when all are done. */
    static void run(int parts, Part part) {
        if (parts <= 1) {
            part.run(0);
            return;
        }
        Job job = new Job(parts, part, Thread.currentThread());
        for (int i = 1; i < parts; i++) {
            if (!Pool.QUEUE.offer(job)) {
                break; // queue full: the caller takes the remaining parts itself
            }
        }
        job.work(); // the caller claims parts too until none is left
        job.await();
    }

    /** One split product: parts are claimed by index; the caller waits for the count of finished parts. */
    private static final class Job {
        private final int parts;
        private final Part part;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int parts, Part part, Thread caller) {
            this.parts = parts;
            this.part = part;
            this.caller = caller;
        }

        /** Claims and runs parts until none is left. */
        void work() {
            int i;
            while ((i = next.getAndIncrement()) < parts) {
                try {
                    part.run(i);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (done.incrementAndGet() == parts) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void await() {
            int spins = 0;
            while (done.get() < parts) {
                if (spins < 2000) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            Throwable t = failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** The shared daemon workers, started on first use. */
    private static final class Pool {
        static final BlockingQueue<Job> QUEUE = new ArrayBlockingQueue<>(256);

        static {
            int n = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(Pool::loop, "dezero-gemm-" + i);
                t.setDaemon(true);
                t.start();
            }
        }

        private static void loop() {
            while (true) {
                try {
                    QUEUE.take().work();
                } catch (InterruptedException e) {
                    // daemon worker: keep serving
                } catch (Throwable t) {
                    // failures are recorded by the job; keep serving
                }
            }
        }
    }
}
