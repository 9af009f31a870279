package dezero;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.functions.F;
import dezero.ndarray.NdArray;
import dezero.testutil.DiffChecks;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The backward engine's reliability: very deep graphs, memory, and threads. */
class BackpropTest {
    private static final int CHAIN = 1_000_000;

    /** What the deep-chain thread leaves behind: weak references only, and the values to check. */
    private static final class ChainResult {
        WeakReference<Variable> output;
        WeakReference<Function> first;
        WeakReference<Function> last;
        int generation;
        double grad;
        double value;
    }

    /**
     * A million functions in a chain, built and backpropagated in a thread whose stack holds only a
     * few hundred frames (256 KB): a recursive backward would overflow it. Once the output is
     * unreachable, the whole chain (its first function included) is collected.
     */
    @Test
    void aMillionFunctionChainBackpropagatesInASmallStackAndIsReclaimed() throws InterruptedException {
        Variable x = Variable.of(0.5);
        ChainResult r = new ChainResult();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread th = new Thread(null, () -> {
            try {
                Variable y = x;
                for (int i = 0; i < CHAIN; i++) {
                    // y = (y + 1) * 1, ... : alternately AddScalar and MulScalar, the gradient stays 1
                    y = i % 2 == 0 ? y.add(1.0) : y.mul(1.0);
                    if (i == 0) {
                        r.first = new WeakReference<>(y.creator());
                    }
                }
                r.last = new WeakReference<>(y.creator());
                r.output = new WeakReference<>(y);
                r.generation = y.generation();
                r.value = y.data().item();
                y.backward();
                r.grad = x.grad().data().item();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        th.start();
        th.join();
        if (failure.get() != null) {
            throw new AssertionError("the chain failed in the small-stack thread", failure.get());
        }
        assertEquals(CHAIN, r.generation);
        assertEquals(0.5 + CHAIN / 2, r.value);
        assertEquals(1.0, r.grad);
        assertNull(x.creator());
        for (int i = 0; i < 100 && (r.output.get() != null || r.first.get() != null || r.last.get() != null); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(r.output.get(), "the output is collected once unreachable");
        assertNull(r.last.get(), "its creator too");
        assertNull(r.first.get(), "and the first function of the chain: the whole graph is reclaimable");
        assertNull(x.grad().creator(), "the leaf's gradient keeps no graph alive");
    }

    /** The same chain with CREATE_GRAPH: the recorded gradient graph is itself a long chain, differentiated again. */
    @Test
    void aLongChainDifferentiatesTwiceWithoutRecursion() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        double[] out = new double[2];
        Thread th = new Thread(null, () -> {
            try {
                // y = x^2 * 1 * 1 ... (200,000 MulScalar): dy/dx = 2x = 6, d2y/dx2 = 2
                Variable x = Variable.of(3.0);
                Variable y = x.mul(x);
                for (int i = 0; i < 200_000; i++) {
                    y = y.mul(1.0);
                }
                y.backward(Backward.CREATE_GRAPH);
                Variable gx = x.grad();
                out[0] = gx.data().item();
                x.clearGrad();
                gx.backward();
                out[1] = x.grad().data().item();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack-2", 256 * 1024);
        th.start();
        th.join();
        if (failure.get() != null) {
            throw new AssertionError("double backprop failed in the small-stack thread", failure.get());
        }
        assertEquals(6.0, out[0]);
        assertEquals(2.0, out[1]);
    }

    // ---------------------------------------------------------------- threads

    private static final int THREADS = 4;
    private static final int ITERATIONS = 200;

    /**
     * One iteration's work on its own variables, seeded by {@code seed}: forward {@code h = tanh(x w + b)},
     * {@code loss = sum(h * h) + sum(h)} (h reached twice, so gradients accumulate), first-order
     * gradients with CREATE_GRAPH, then the gradient of {@code sum(dloss/dw)} (second order), an
     * evaluation in no-grad mode, and a forward-mode derivative. Returns every number it computed.
     */
    private static double[] work(long seed) {
        Random rnd = new Random(seed);
        Variable x = new Variable(DiffChecks.randn(rnd, 4, 3));
        Variable w = new Variable(DiffChecks.randn(rnd, 3, 2));
        Variable b = new Variable(DiffChecks.randn(rnd, 2));
        Variable h = F.tanh(x.matmul(w).add(b));
        Variable loss = h.mul(h).sum().add(h.sum());
        loss.backward(Backward.CREATE_GRAPH);
        Variable gw = w.grad();
        NdArray gx1 = x.grad().data();
        NdArray gw1 = gw.data();
        NdArray gb1 = b.grad().data();
        x.clearGrad();
        w.clearGrad();
        b.clearGrad();
        gw.sum().backward();
        NdArray gx2 = x.grad().data();
        NdArray gw2 = w.grad().data();
        NdArray gb2 = b.grad().data();
        Variable eval;
        try (Config.Scope g = Config.noGrad()) {
            eval = F.tanh(x.matmul(w).add(b));
        }
        if (eval.creator() != null) {
            throw new AssertionError("no-grad mode recorded a graph");
        }
        if (!Config.isGradEnabled()) {
            throw new AssertionError("grad mode not restored");
        }
        Variable tangent = Autodiff.jvp(v -> F.tanh(x.matmul(v).add(b)).sum(), w, Variable.of(1.0).broadcastTo(3, 2))
                .tangent();
        List<Double> all = new ArrayList<>();
        for (NdArray a : new NdArray[] {loss.data(), gx1, gw1, gb1, gx2, gw2, gb2, eval.data(), tangent.data()}) {
            for (double d : a.toDoubleArray()) {
                all.add(d);
            }
        }
        double[] r = new double[all.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = all.get(i);
        }
        return r;
    }

    /**
     * Graphs built and differentiated in separate threads that share no variable give the same
     * numbers as in one thread. (Compared to 1e-12: a vectorized tanh may differ in the last bit
     * between interpreted and compiled code; a race would change far more.)
     */
    @Test
    void graphsInSeparateThreadsGiveTheSameGradientsAsOneThread() throws Exception {
        double[][][] expected = new double[THREADS][ITERATIONS][];
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < ITERATIONS; k++) {
                expected[t][k] = work(1000L * t + k);
            }
        }
        double[][][] got = new double[THREADS][ITERATIONS][];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < ITERATIONS; k++) {
                        // odd threads run every other iteration inside an enclosing no-grad scope
                        // opened and closed around enableGrad: the other threads must not notice
                        if (thread % 2 == 1 && k % 2 == 1) {
                            try (Config.Scope off = Config.noGrad(); Config.Scope on = Config.enableGrad()) {
                                got[thread][k] = work(1000L * thread + k);
                            }
                        } else {
                            got[thread][k] = work(1000L * thread + k);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(); // rethrows a failure of the thread
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < ITERATIONS; k++) {
                assertNotNull(got[t][k]);
                assertEquals(expected[t][k].length, got[t][k].length);
                assertClose(NdArray.of(expected[t][k]), NdArray.of(got[t][k]), 1e-12, 1e-12,
                        "thread " + t + ", iteration " + k);
            }
        }
        // the seeds differ, so the threads computed different things (the comparison is not vacuous)
        assertTrue(Math.abs(expected[0][0][0] - expected[1][0][0]) > 1e-6);
    }
}
