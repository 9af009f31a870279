package dezero.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParallelTest {

    /** Runs forRange and counts how often each index was visited. */
    private static int[] visits(int n, int grain) {
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        Parallel.forRange(n, grain, (s, e) -> {
            for (int i = s; i < e; i++) {
                seen.incrementAndGet(i);
            }
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = seen.get(i);
        }
        return out;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "2, 1", "3, 1", "7, 2", "100, 1", "1000, 7", "65536, 32768", "200003, 32768"})
    void everyIndexExactlyOnce(int n, int grain) {
        assertArrayEquals(ones(n), visits(n, grain));
    }

    @ParameterizedTest
    @CsvSource({"1", "65535", "65536", "65537", "131072", "1000000"})
    void splitsExactlyWhenWorthIt(int n) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.forRange(n, (s, e) -> calls.incrementAndGet());
        // the kernels call forRange for every size: below the threshold it must be one inline call
        assertEquals(Parallel.worthIt(n), calls.get() > 1, "n = " + n + ", calls = " + calls.get());
    }

    @Test
    void backToBackAndAfterIdleCallsComplete() throws InterruptedException {
        for (int r = 0; r < 2000; r++) {
            assertArrayEquals(ones(64), visits(64, 1));
        }
        // the workers have parked by now (SPIN_NANOS is far shorter): the next call must wake them or run alone
        Thread.sleep(Parallel.SPIN_NANOS / 1_000_000 + 50);
        assertArrayEquals(ones(64), visits(64, 1));
    }

    @Test
    void exceptionsReachTheCallerAndThePoolStillWorks() {
        IllegalStateException boom = new IllegalStateException("chunk failed");
        IllegalStateException got = assertThrows(IllegalStateException.class, () -> Parallel.forRange(8, 1, (s, e) -> {
            if (s <= 5 && 5 < e) {
                throw boom;
            }
        }));
        assertSame(boom, got);
        assertThrows(OutOfMemoryError.class, () -> Parallel.forRange(8, 1, (s, e) -> {
            if (s <= 2 && 2 < e) {
                throw new OutOfMemoryError("test");
            }
        }));
        assertArrayEquals(ones(1000), visits(1000, 1));
    }

    @Test
    void nestedCallsComplete() {
        AtomicIntegerArray seen = new AtomicIntegerArray(64);
        Parallel.forRange(8, 1, (s, e) -> {
            for (int outer = s; outer < e; outer++) {
                int base = outer * 8;
                Parallel.forRange(8, 1, (s2, e2) -> {
                    for (int i = s2; i < e2; i++) {
                        seen.incrementAndGet(base + i);
                    }
                });
            }
        });
        for (int i = 0; i < 64; i++) {
            assertEquals(1, seen.get(i), "index " + i);
        }
    }

    @Test
    void concurrentCallersEachGetTheirOwnResult() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<long[]>> fs = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int seed = c;
                fs.add(callers.submit(() -> {
                    long[] sums = new long[300];
                    for (int r = 0; r < sums.length; r++) {
                        long[] part = new long[16];
                        int mult = seed * 1000 + r;
                        Parallel.forRange(16, 1, (s, e) -> {
                            for (int i = s; i < e; i++) {
                                part[i] = (long) i * mult;
                            }
                        });
                        long sum = 0;
                        for (long v : part) {
                            sum += v;
                        }
                        sums[r] = sum;
                    }
                    return sums;
                }));
            }
            for (int c = 0; c < fs.size(); c++) {
                long[] sums = fs.get(c).get();
                for (int r = 0; r < sums.length; r++) {
                    assertEquals(120L * (c * 1000 + r), sums[r], "caller " + c + " call " + r);
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
