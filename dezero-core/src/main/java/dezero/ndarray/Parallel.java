package dezero.ndarray;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a range of work across the cores for large arrays.
 *
 * <p>A range {@code [0, n)} is cut into chunks; the calling thread and the workers of a small shared
 * pool of daemon threads ({@code THREADS - 1} of them) claim chunks until none is left,
 * so the call completes even when every worker is busy elsewhere. Below {@link #THRESHOLD} elements
 * everything runs on the calling thread.
 *
 * <p>Waking a parked thread takes 10-50 microseconds on a virtual machine, as long as a product of
 * two 256 x 256 float32 matrices takes on one core. So a worker that has just finished a job polls
 * for the next one for {@link #SPIN_NANOS} before it parks, and the caller polls for its helpers'
 * chunks as long before it parks: back-to-back kernels (the steps of a training loop) hand work over
 * without a wake-up. An idle program parks every thread after that time.
 */
final class Parallel {
    /** Element count from which a kernel is split across threads. */
    static final int THRESHOLD = 1 << 16;
    /** The smallest chunk handed to another thread. */
    private static final int MIN_CHUNK = 1 << 15;
    /** Threads that share a large kernel: the system property {@code dezero.threads}, else the processor count. */
    static final int THREADS = Math.max(1, Integer.getInteger("dezero.threads",
            Runtime.getRuntime().availableProcessors()));
    /** How long a worker polls for new work, and a caller for its helpers, before parking. */
    static final long SPIN_NANOS = 200_000;

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

    /**
     * Runs {@code body} over {@code [0, n)}, split across the cores when {@link #worthIt} says so;
     * otherwise it is one call {@code body.run(0, n)} on the calling thread. Kernels on the
     * small-array path of a training step test {@link #worthIt} themselves and call their loop
     * directly: a capturing lambda is an allocation that C2 keeps (the body escapes into the job of
     * the split path), and before C2 a slow call into the runtime, each time.
     */
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
        // each helper claims chunks until none is left: one per pool thread is enough
        Pool.submit(job, Math.min(chunks - 1, THREADS - 1));
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
            long start = System.nanoTime();
            while (done.get() < chunks) {
                if (System.nanoTime() - start < SPIN_NANOS) {
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
        }
    }

    /** The shared daemon workers, created on first use. */
    private static final class Pool {
        private static final ConcurrentLinkedQueue<Job> QUEUE = new ConcurrentLinkedQueue<>();
        private static final Worker[] WORKERS = new Worker[Math.max(1, THREADS - 1)];

        static {
            for (int i = 0; i < WORKERS.length; i++) {
                WORKERS[i] = new Worker();
                WORKERS[i].start();
            }
        }

        /** Hands {@code job} to {@code helpers} workers (each runs it: it claims chunks until none is left). */
        static void submit(Job job, int helpers) {
            for (int i = 0; i < helpers; i++) {
                QUEUE.add(job);
            }
            // a worker announces it is about to park before it polls the queue a last time, so
            // either it sees the job or we see it waiting (an unpark before its park is kept)
            int woken = 0;
            for (Worker w : WORKERS) {
                if (woken == helpers) {
                    break;
                }
                if (w.waiting) {
                    LockSupport.unpark(w);
                    woken++;
                }
            }
        }
    }

    private static final class Worker extends Thread {
        volatile boolean waiting;

        Worker() {
            super("dezero-ndarray-worker");
            setDaemon(true);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Job job = Pool.QUEUE.poll();
                if (job == null && System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                if (job == null) {
                    waiting = true;
                    job = Pool.QUEUE.poll();
                    if (job == null) {
                        LockSupport.park(this);
                    }
                    waiting = false;
                }
                if (job != null) {
                    job.run();
                }
                idleSince = System.nanoTime();
            }
        }
    }
}
