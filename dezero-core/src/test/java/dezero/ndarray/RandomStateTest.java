package dezero.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RandomStateTest {

    // ------------------------------------------------------------------ NumPy fixtures

    /** Every method against NumPy 2.4 for seeds 0, 1, 42, 1984, 2^32-1 and array seeds (tools/fixtures_random.py). */
    @Test
    void streamsMatchNumPy() {
        int checked = replay(RandomFixtures.read("streams.txt"));
        assertTrue(checked > 5000, "too few values checked: " + checked);
    }

    /** The draws of the benchmark workloads W2, W4, W5 (np.random.seed(1984) spiral), W6 and W7. */
    @Test
    void workloadDrawsMatchNumPy() {
        int checked = replay(RandomFixtures.read("workloads.txt"));
        assertTrue(checked > 1_000_000, "too few values checked: " + checked);
    }

    /** Runs the fixture steps in order; returns how many values were compared. */
    private static int replay(List<RandomFixtures.Step> steps) {
        RandomState rs = null;
        int checked = 0;
        for (RandomFixtures.Step s : steps) {
            String where = s.toString();
            switch (s.op) {
                case "seed":
                    rs = new RandomState(Long.parseLong(s.args[0]));
                    break;
                case "seed_array": {
                    String[] parts = s.args[0].split(",");
                    int[] key = new int[parts.length];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = (int) Long.parseLong(parts[i]);
                    }
                    rs = new RandomState(key);
                    break;
                }
                case "global_seed":
                    RandomState.seed(Long.parseLong(s.args[0]));
                    rs = RandomState.global();
                    break;
                case "rand":
                    checked += checkDoubles(where, s, rs.rand(s.intArgs(0)), s.intArgs(0));
                    break;
                case "randn":
                    checked += checkDoubles(where, s, rs.randn(s.intArgs(0)), s.intArgs(0));
                    break;
                case "standard_normal":
                    checked += checkDoubles(where, s, rs.standardNormal(s.intArgs(0)), s.intArgs(0));
                    break;
                case "randn_scalars": {
                    int n = Integer.parseInt(s.args[0]);
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        NdArray x = rs.randn();
                        assertEquals(0, x.ndim(), where);
                        d[i] = x.item();
                    }
                    checked += checkDoubles(where, s, NdArray.of(d), n);
                    break;
                }
                case "uniform": {
                    int[] shape = s.intArgs(2);
                    NdArray got = rs.uniform(Double.parseDouble(s.args[0]), Double.parseDouble(s.args[1]), shape);
                    checked += checkDoubles(where, s, got, shape);
                    break;
                }
                case "normal": {
                    int[] shape = s.intArgs(2);
                    NdArray got = rs.normal(Double.parseDouble(s.args[0]), Double.parseDouble(s.args[1]), shape);
                    checked += checkDoubles(where, s, got, shape);
                    break;
                }
                case "randint": {
                    int n = Integer.parseInt(s.args[2]);
                    NdArray got = rs.randint(Long.parseLong(s.args[0]), Long.parseLong(s.args[1]), n);
                    checked += checkLongs(where, s.longValues(), got, n);
                    break;
                }
                case "permutation": {
                    int n = Integer.parseInt(s.args[0]);
                    checked += checkLongs(where, s.longValues(), rs.permutation(n), n);
                    break;
                }
                case "shuffle": {
                    int n = Integer.parseInt(s.args[0]);
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = i * 1.5;
                    }
                    rs.shuffle(a);
                    assertArrayEquals(s.doubleValues(), a, where);
                    checked += n;
                    break;
                }
                case "permutation_rows": {
                    int rows = Integer.parseInt(s.args[0]);
                    int cols = Integer.parseInt(s.args[1]);
                    double[] grid = new double[rows * cols];
                    for (int i = 0; i < grid.length; i++) {
                        grid[i] = i;
                    }
                    NdArray a = NdArray.of(grid, rows, cols);
                    checked += checkDoubles(where, s, rs.permutation(a), rows, cols);
                    assertArrayEquals(grid, a.toDoubleArray(), where + ": the argument must be left unchanged");
                    break;
                }
                case "choice": {
                    int a = Integer.parseInt(s.args[0]);
                    int size = Integer.parseInt(s.args[1]);
                    boolean replace = Boolean.parseBoolean(s.args[2]);
                    double[] p = null;
                    if (!s.args[3].equals("-")) {
                        p = Arrays.stream(s.args[3].split(",")).mapToDouble(Double::parseDouble).toArray();
                    }
                    checked += checkLongs(where, s.longValues(), rs.choice(a, size, replace, p), size);
                    break;
                }
                case "standard_normal_sha": {
                    int[] shape = s.intArgs(0);
                    double[] d = rs.standardNormal(shape).toDoubleArray();
                    checked += checkDigest(where, s, d);
                    break;
                }
                case "uniform_sha": {
                    double[] d = rs.uniform(Double.parseDouble(s.args[0]), Double.parseDouble(s.args[1]),
                            Integer.parseInt(s.args[2])).toDoubleArray();
                    checked += checkDigest(where, s, d);
                    break;
                }
                case "permutations_sha": {
                    int count = Integer.parseInt(s.args[0]);
                    int n = Integer.parseInt(s.args[1]);
                    long[] all = new long[count * n];
                    long[] last = null;
                    for (int k = 0; k < count; k++) {
                        last = rs.permutation(n).toLongArray();
                        System.arraycopy(last, 0, all, k * n, n);
                    }
                    assertEquals(s.values[0], RandomFixtures.sha256(all), where + ": SHA-256 of all permutations");
                    for (int i = 1; i < s.values.length; i++) {
                        assertEquals(Long.parseLong(s.values[i]), last[i - 1], where);
                    }
                    checked += all.length;
                    break;
                }
                default:
                    fail("unknown fixture op " + where);
            }
        }
        return checked;
    }

    /** NumPy's values with the {@code cr} overrides applied (the few draws where glibc's log misrounds). */
    private static double[] expectedDoubles(RandomFixtures.Step s) {
        double[] want = s.doubleValues();
        for (String[] o : s.overrides) {
            assertEquals("cr", o[0], s + ": unexpected override line");
            int i = Integer.parseInt(o[1]);
            double v = Double.parseDouble(o[2]);
            assertNotEquals(want[i], v, s + ": an override must change the value");
            assertTrue(Math.abs(want[i] - v) <= 4 * Math.ulp(v), s + ": override " + i + " is more than 4 ulp away");
            want[i] = v;
        }
        return want;
    }

    private static int checkDoubles(String where, RandomFixtures.Step s, NdArray got, int... shape) {
        assertEquals(DType.FLOAT64, got.dtype(), where);
        assertEquals(Shape.of(shape), got.shape(), where);
        double[] want = expectedDoubles(s);
        double[] d = got.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(d[i])) {
                fail(where + ": element " + i + ": expected " + want[i] + " but was " + d[i]);
            }
        }
        assertEquals(want.length, d.length, where);
        return want.length;
    }

    private static int checkLongs(String where, long[] want, NdArray got, int n) {
        assertEquals(DType.INT64, got.dtype(), where);
        assertEquals(Shape.of(n), got.shape(), where);
        assertArrayEquals(want, got.toLongArray(), where);
        return want.length;
    }

    /**
     * {@code values[0]} is the SHA-256 of NumPy's array; the {@code crx i numpy java} lines name the
     * elements where the correctly rounded log gives another value. This checks those elements,
     * puts NumPy's values in their place and compares the digest: every other element is identical.
     */
    private static int checkDigest(String where, RandomFixtures.Step s, double[] d) {
        for (String[] o : s.overrides) {
            assertEquals("crx", o[0], where);
            int i = Integer.parseInt(o[1]);
            double numpy = Double.parseDouble(o[2]);
            double ours = Double.parseDouble(o[3]);
            assertEquals(ours, d[i], where + ": element " + i);
            assertTrue(Math.abs(numpy - ours) <= 4 * Math.ulp(ours), where + ": element " + i);
            d[i] = numpy;
        }
        assertEquals(s.values[0], RandomFixtures.sha256(d), where + ": SHA-256 of NumPy's values");
        for (int i = 1; i < s.values.length; i++) {
            assertEquals(Double.parseDouble(s.values[i]), d[i - 1], where + ": element " + (i - 1));
        }
        return d.length;
    }

    // ------------------------------------------------------------------ known values

    @Test
    void firstDrawsOfSeedZeroAreNumPys() {
        RandomState rs = new RandomState(0);
        assertEquals(0.5488135039273248, rs.nextDouble());
        assertEquals(0.7151893663724195, rs.nextDouble());
        RandomState g = new RandomState(0);
        assertEquals(1.764052345967664, g.nextGaussian());
        assertEquals(0.4001572083672233, g.nextGaussian()); // the cached second value of the pair
    }

    @Test
    void seedsOutsideTheUnsigned32BitRangeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomState(-1));
        assertTrue(e.getMessage().contains("seed must be between 0 and 2**32 - 1, got -1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RandomState(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> RandomState.seed(-5));
        assertThrows(IllegalArgumentException.class, () -> new RandomState(new int[0]));
        assertEquals(new RandomState(0xFFFFFFFFL).nextDouble(), new RandomState(4294967295L).nextDouble());
    }

    @Test
    void reseedingTheGlobalStateForgetsTheCachedGaussian() {
        RandomState.seed(7);
        double first = RandomState.global().nextGaussian(); // leaves the pair's second value cached
        RandomState.seed(7);
        assertEquals(first, RandomState.global().randn().item());
        assertSame(RandomState.global(), RandomState.global());
        assertEquals(new RandomState(7).nextGaussian(), first);
    }

    @Test
    void unseededStatesDiffer() {
        assertNotEquals(new RandomState().nextDouble(), new RandomState().nextDouble());
    }

    @Test
    void scalarAndArrayDrawsShareOneStream() {
        double[] four = new RandomState(3).rand(4).toDoubleArray();
        RandomState rs = new RandomState(3);
        double[] three = rs.rand(3).toDoubleArray();
        assertArrayEquals(Arrays.copyOf(four, 3), three);
        assertEquals(four[3], rs.nextDouble());

        double[] g = new RandomState(3).randn(5).toDoubleArray();
        RandomState r2 = new RandomState(3);
        assertEquals(g[0], r2.nextGaussian());
        assertArrayEquals(Arrays.copyOfRange(g, 1, 4), r2.standardNormal(3).toDoubleArray());
        assertEquals(g[4], r2.normal(0, 1).item());
    }

    @Test
    void zeroDimensionalDraws() {
        RandomState rs = new RandomState(11);
        assertEquals(Shape.scalar(), rs.rand().shape());
        assertEquals(Shape.scalar(), rs.randn().shape());
        assertEquals(Shape.scalar(), rs.uniform(1, 2).shape());
        assertEquals(Shape.scalar(), rs.randint(0, 5).shape());
        assertEquals(Shape.of(2, 0, 3), rs.rand(2, 0, 3).shape());
    }

    @Test
    void dtypeVariantsCastTheFloat64Draws() {
        NdArray f = new RandomState(9).rand(DType.FLOAT32, 3, 4);
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals(new RandomState(9).rand(3, 4).astype(DType.FLOAT32), f);
        NdArray g = new RandomState(9).randn(DType.FLOAT32, 5);
        assertEquals(new RandomState(9).randn(5).astype(DType.FLOAT32), g);
    }

    @Test
    void badArgumentsNameTheOperation() {
        RandomState rs = new RandomState(0);
        assertMessage("randint: low >= high (low 5, high 5)", () -> rs.randint(5, 5, 3));
        assertMessage("randint: high <= 0 (low 0, high -2)", () -> rs.randint(0, -2, 3));
        assertEquals(Shape.of(0), rs.randint(5, 3, 0).shape()); // NumPy checks nothing for an empty result
        assertMessage("uniform: range exceeds valid bounds",
                () -> rs.uniform(-Double.MAX_VALUE, Double.MAX_VALUE, 2));
        assertMessage("normal: scale < 0, got -1.0", () -> rs.normal(0, -1, 2));
        assertMessage("normal: scale < 0, got -0.0", () -> rs.normal(0, -0.0, 2));
        assertMessage("choice: 'a' and 'p' must have same size", () -> rs.choice(3, 2, true, new double[] {1}));
        assertMessage("choice: probabilities are not non-negative",
                () -> rs.choice(2, 2, true, new double[] {1.5, -0.5}));
        assertMessage("choice: probabilities do not sum to 1", () -> rs.choice(2, 2, true, new double[] {0.5, 0.4}));
        assertMessage("choice: probabilities contain NaN",
                () -> rs.choice(2, 2, true, new double[] {Double.NaN, 1}));
        assertMessage("choice: cannot take a larger sample", () -> rs.choice(3, 4, false, null));
        assertMessage("choice: a must be greater than 0", () -> rs.choice(0, 1, true, null));
        assertMessage("choice: fewer non-zero entries in p (1) than size 2",
                () -> rs.choice(3, 2, false, new double[] {0, 1, 0}));
        assertMessage("permutation: the array must be at least 1-dimensional, got shape ()",
                () -> rs.permutation(NdArray.of(1.0)));
        // A failed call draws nothing: the stream continues as if it had not been made.
        assertEquals(new RandomState(0).nextDouble(), rs.nextDouble());
    }

    private static void assertMessage(String start, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(start), "message was: " + e.getMessage());
    }

    @Test
    void shufflesOfEveryArrayTypeFollowPermutation() {
        long[] perm = new RandomState(21).permutation(50).toLongArray();
        int[] ints = new int[50];
        long[] longs = new long[50];
        double[] doubles = new double[50];
        for (int i = 0; i < 50; i++) {
            ints[i] = i;
            longs[i] = i;
            doubles[i] = i;
        }
        new RandomState(21).shuffle(ints);
        new RandomState(21).shuffle(longs);
        new RandomState(21).shuffle(doubles);
        for (int i = 0; i < 50; i++) {
            assertEquals(perm[i], ints[i]);
            assertEquals(perm[i], longs[i]);
            assertEquals(perm[i], doubles[i]);
        }
        assertEquals(Shape.of(0), new RandomState(0).permutation(-3).shape()); // np.arange(-3) is empty
    }

    @Test
    void permutationOfAnArrayShufflesItsRowsInEveryDtype() {
        long[] perm = new RandomState(5).permutation(4).toLongArray();
        NdArray f = NdArray.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2);
        NdArray l = NdArray.of(new long[] {0, 1, 2, 3});
        NdArray pf = new RandomState(5).permutation(f);
        NdArray pl = new RandomState(5).permutation(l);
        assertEquals(DType.FLOAT32, pf.dtype());
        assertEquals(DType.INT64, pl.dtype());
        for (int i = 0; i < 4; i++) {
            assertEquals(perm[i], pl.getLong(i));
            assertEquals(2 * perm[i], pf.get(i, 0));
            assertEquals(2 * perm[i] + 1, pf.get(i, 1));
        }
        // A transposed (non-contiguous) argument: rows of the view.
        NdArray t = NdArray.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 4).transpose();
        NdArray pt = new RandomState(5).permutation(t);
        for (int i = 0; i < 4; i++) {
            assertEquals(t.get((int) perm[i], 0), pt.get(i, 0));
            assertEquals(t.get((int) perm[i], 1), pt.get(i, 1));
        }
        assertEquals(Shape.of(0, 3), new RandomState(5).permutation(NdArray.zeros(0, 3)).shape());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void randintStaysInItsRange(long seed) {
        Random random = new Random(seed);
        RandomState rs = new RandomState(seed);
        for (int trial = 0; trial < 200; trial++) {
            long low = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(2000) - 1000;
            long span = random.nextBoolean() ? 1 + random.nextInt(100) : 1 + (random.nextLong() >>> 1);
            long high = low + span < low ? Long.MAX_VALUE : low + span; // no overflow
            for (long v : rs.randint(low, high, 20).toLongArray()) {
                assertTrue(v >= low && v < high, v + " not in [" + low + ", " + high + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void choiceWithoutReplacementGivesDistinctIndicesWithPositiveProbability(int seed) {
        Random random = new Random(seed);
        RandomState rs = new RandomState(seed);
        for (int trial = 0; trial < 50; trial++) {
            int a = 1 + random.nextInt(30);
            double[] p = new double[a];
            double sum = 0;
            for (int i = 0; i < a; i++) {
                p[i] = random.nextInt(4) == 0 ? 0 : random.nextDouble();
                sum += p[i];
            }
            if (sum == 0) {
                p[0] = sum = 1;
            }
            int positive = 0;
            for (int i = 0; i < a; i++) {
                p[i] /= sum;
                positive += p[i] > 0 ? 1 : 0;
            }
            int size = random.nextInt(positive + 1);
            long[] idx = rs.choice(a, size, false, p).toLongArray();
            boolean[] seen = new boolean[a];
            for (long k : idx) {
                assertTrue(p[(int) k] > 0, "index " + k + " has probability 0");
                assertTrue(!seen[(int) k], "index " + k + " drawn twice");
                seen[(int) k] = true;
            }
        }
    }

    /** Threads sharing one state together take exactly the draws of the serial stream. */
    @Test
    void sharedStateHandsOutEachDrawOnce() throws Exception {
        RandomState shared = new RandomState(123);
        int threads = 4;
        int per = 5000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    double[] d = new double[per];
                    for (int i = 0; i < per; i += 2) {
                        d[i] = shared.nextDouble();
                        double[] two = shared.rand(1).toDoubleArray();
                        d[i + 1] = two[0];
                    }
                    return d;
                }));
            }
            double[] all = new double[threads * per];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(parts.get(t).get(), 0, all, t * per, per);
            }
            double[] serial = new RandomState(123).rand(threads * per).toDoubleArray();
            Arrays.sort(all);
            Arrays.sort(serial);
            assertArrayEquals(serial, all);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
        assertNotSame(shared, RandomState.global());
    }
}
