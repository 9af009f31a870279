package dezero.ndarray;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * NumPy's legacy random streams ({@code np.random.RandomState} and the module-level functions
 * {@code np.random.seed}, {@code np.random.rand}, ...), number for number: the same seed gives the
 * same draws as NumPy, so the book's examples and the benchmark data come out the same in Java.
 *
 * <pre>{@code
 * RandomState rs = new RandomState(0);
 * NdArray x = rs.rand(100, 1);                   // np.random.RandomState(0).rand(100, 1)
 * NdArray w = rs.randn(784, 1000).mul(Math.sqrt(1.0 / 784));
 * NdArray t = rs.randint(0, 10, 100);            // int64
 * RandomState.seed(1984);                        // np.random.seed(1984)
 * NdArray idx = RandomState.global().permutation(300);
 * }</pre>
 *
 * <p>The generator is the 32-bit Mersenne Twister MT19937, seeded as NumPy's legacy seeding does
 * (Knuth's linear recurrence for an integer seed, {@code init_by_array} for an array seed).
 * <ul>
 * <li>{@link #rand}/{@link #nextDouble}: a 53-bit double {@code (a 2^26 + b) / 2^53} from the top
 * 27 bits {@code a} of one 32-bit word and the top 26 bits {@code b} of the next.</li>
 * <li>{@link #randn}/{@link #nextGaussian}: the polar Box-Muller method; each accepted pair
 * {@code (x1, x2)} in the unit disc gives {@code f x2} now and caches {@code f x1} for the next
 * Gaussian draw, {@code f = sqrt(-2 ln(r^2) / r^2)}. The logarithm here is correctly rounded
 * ({@link CorrectlyRoundedLog}); NumPy uses the C library's {@code log}, which on Linux (glibc)
 * rounds the other way about once in 1200 pairs, so about one pair of Gaussians in 1200 differs
 * from NumPy's in the last bit or two. Every other draw, and every non-Gaussian method, is
 * identical to NumPy's.</li>
 * <li>{@link #randint}: masked rejection — draw 32-bit words (64-bit words, high word first,
 * when the range does not fit in 32 bits), keep the bits below the smallest all-ones mask
 * covering the range, reject values beyond it.</li>
 * <li>{@link #shuffle}/{@link #permutation}: Fisher-Yates from the last element down, each index
 * drawn by the same masked rejection.</li>
 * </ul>
 * Every method is {@code synchronized}, so one instance (such as {@link #global()}) may be shared
 * by threads; the draws are then divided among the threads in some order.
 */
public final class RandomState {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908B0DF;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7FFFFFFF;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /** {@code np.random.RandomState(seed)}; the seed must lie in {@code [0, 2^32 - 1]}. */
    public RandomState(long seed) {
        seedInt(seed);
    }

    /**
     * {@code np.random.RandomState(seedArray)}: MT19937's {@code init_by_array}. Each element is
     * one 32-bit word, read as unsigned ({@code -1} stands for NumPy's {@code 4294967295}).
     */
    public RandomState(int[] seedArray) {
        seedArray(seedArray);
    }

    /** {@code np.random.RandomState()}: seeded from fresh entropy. */
    public RandomState() {
        seedEntropy();
    }

    private static final class Global {
        static final RandomState INSTANCE = new RandomState();
    }

    /** The state behind NumPy's module-level functions ({@code np.random.rand}, ...); seeded from entropy until {@link #seed(long)}. */
    public static RandomState global() {
        return Global.INSTANCE;
    }

    /** {@code np.random.seed(seed)}: reseeds {@link #global()} (and forgets its cached Gaussian). */
    public static void seed(long seed) {
        global().seedInt(seed);
    }

    // ------------------------------------------------------------------ seeding

    private synchronized void seedInt(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("RandomState: seed must be between 0 and 2**32 - 1, got " + seed);
        }
        initGenrand((int) seed);
        resetGauss();
    }

    private synchronized void seedArray(int[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("RandomState: seed array must be non-empty");
        }
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            int prev = mt[i - 1];
            mt[i] = (mt[i] ^ ((prev ^ (prev >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            int prev = mt[i - 1];
            mt[i] = (mt[i] ^ ((prev ^ (prev >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK; // most significant bit set: the state is never all zero
        pos = N;
        resetGauss();
    }

    private synchronized void seedEntropy() {
        SplittableRandom entropy = new SplittableRandom();
        mt[0] = UPPER_MASK;
        for (int i = 1; i < N; i++) {
            mt[i] = entropy.nextInt();
        }
        pos = N;
        resetGauss();
    }

    /** Knuth's recurrence {@code mt[i] = 1812433253 (mt[i-1] ^ (mt[i-1] >>> 30)) + i} (mod 2^32). */
    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        pos = N;
    }

    private void resetGauss() {
        hasGauss = false;
        gauss = 0;
    }

    // ------------------------------------------------------------------ the bit stream

    /** Regenerates the 624 words of state (the MT19937 twist). */
    private void twist() {
        int[] s = mt;
        int kk = 0;
        for (; kk < N - M; kk++) {
            int y = (s[kk] & UPPER_MASK) | (s[kk + 1] & LOWER_MASK);
            s[kk] = s[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; kk < N - 1; kk++) {
            int y = (s[kk] & UPPER_MASK) | (s[kk + 1] & LOWER_MASK);
            s[kk] = s[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (s[N - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
        s[N - 1] = s[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /** The next 32-bit word (as an int; read it unsigned). */
    private int next32() {
        if (pos == N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next 64-bit word: the first 32-bit word is the high half. */
    private long next64() {
        long hi = next32() & 0xFFFFFFFFL;
        long lo = next32() & 0xFFFFFFFFL;
        return hi << 32 | lo;
    }

    private double draw() {
        int a = next32() >>> 5;
        int b = next32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private double drawGauss() {
        if (hasGauss) {
            hasGauss = false;
            double g = gauss;
            gauss = 0;
            return g;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * draw() - 1.0;
            x2 = 2.0 * draw() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * CorrectlyRoundedLog.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** A value in {@code [0, max]} by masked rejection (NumPy's {@code random_interval}). */
    private long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = smearRight(max);
        long v;
        if (Long.compareUnsigned(max, 0xFFFFFFFFL) <= 0) {
            do {
                v = (next32() & 0xFFFFFFFFL) & mask;
            } while (v > max);
        } else {
            do {
                v = next64() & mask;
            } while (Long.compareUnsigned(v, max) > 0);
        }
        return v;
    }

    /** The smallest all-ones bit mask {@code >= v} (unsigned). */
    private static long smearRight(long v) {
        v |= v >>> 1;
        v |= v >>> 2;
        v |= v >>> 4;
        v |= v >>> 8;
        v |= v >>> 16;
        v |= v >>> 32;
        return v;
    }

    // ------------------------------------------------------------------ scalar draws

    /** One {@code random_sample()} draw, uniform in {@code [0, 1)}. */
    public synchronized double nextDouble() {
        return draw();
    }

    /** One legacy standard-normal draw ({@code standard_normal()}), using and refilling the cached second value. */
    public synchronized double nextGaussian() {
        return drawGauss();
    }

    // ------------------------------------------------------------------ arrays of floats

    /** {@code rand(d0, d1, ...)} = {@code random_sample(shape)}: float64, uniform in {@code [0, 1)}; no dims gives a 0-d array. */
    public synchronized NdArray rand(int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = draw();
        }
        return NdArray.wrap(d, s);
    }

    /** {@code rand(shape).astype(dtype)}: the float64 draws cast to {@code dtype}. */
    public NdArray rand(DType dtype, int... shape) {
        return rand(shape).astype(dtype);
    }

    /** {@code randn(d0, d1, ...)}: float64 standard-normal draws (see {@link #nextGaussian}). */
    public synchronized NdArray randn(int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = drawGauss();
        }
        return NdArray.wrap(d, s);
    }

    /** {@code randn(shape).astype(dtype)}: the float64 draws cast to {@code dtype}. */
    public NdArray randn(DType dtype, int... shape) {
        return randn(shape).astype(dtype);
    }

    /** {@code standard_normal(shape)}: the same draws as {@link #randn}. */
    public NdArray standardNormal(int... shape) {
        return randn(shape);
    }

    /**
     * {@code uniform(low, high, shape)}: {@code low + (high - low) u} for each draw {@code u} in
     * {@code [0, 1)}; {@code high < low} is allowed, as in NumPy.
     */
    public synchronized NdArray uniform(double low, double high, int... shape) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("uniform: range exceeds valid bounds: low " + low + ", high " + high);
        }
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + range * draw();
        }
        return NdArray.wrap(d, s);
    }

    /** {@code normal(loc, scale, shape)}: {@code loc + scale g} for each Gaussian draw {@code g}; {@code scale >= 0}. */
    public synchronized NdArray normal(double loc, double scale, int... shape) {
        if (!Double.isNaN(scale) && (Double.doubleToRawLongBits(scale) < 0)) {
            throw new IllegalArgumentException("normal: scale < 0, got " + scale);
        }
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = loc + scale * drawGauss();
        }
        return NdArray.wrap(d, s);
    }

    // ------------------------------------------------------------------ integers

    /**
     * {@code randint(low, high, shape)}: int64 values uniform in {@code [low, high)}, drawn exactly
     * as NumPy's legacy {@code randint} (masked rejection on 32-bit words when
     * {@code high - 1 - low < 2^32}, else on 64-bit words).
     */
    public synchronized NdArray randint(long low, long high, int... shape) {
        Shape s = Shape.of(shape);
        long[] out = new long[s.size()];
        if (out.length == 0) {
            return NdArray.wrap(out, s); // NumPy returns an empty array before checking the bounds
        }
        if (low >= high) {
            throw new IllegalArgumentException("randint: " + (low == 0 ? "high <= 0" : "low >= high")
                    + " (low " + low + ", high " + high + ")");
        }
        long rng = high - 1 - low; // unsigned, in [0, 2^64 - 2]
        if (rng == 0) {
            Arrays.fill(out, low);
        } else if (Long.compareUnsigned(rng, 0xFFFFFFFFL) <= 0) {
            if (rng == 0xFFFFFFFFL) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = low + (next32() & 0xFFFFFFFFL);
                }
            } else {
                long mask = smearRight(rng);
                for (int i = 0; i < out.length; i++) {
                    long v;
                    do {
                        v = (next32() & 0xFFFFFFFFL) & mask;
                    } while (v > rng);
                    out[i] = low + v;
                }
            }
        } else {
            long mask = smearRight(rng);
            for (int i = 0; i < out.length; i++) {
                long v;
                do {
                    v = next64() & mask;
                } while (Long.compareUnsigned(v, rng) > 0);
                out[i] = low + v;
            }
        }
        return NdArray.wrap(out, s);
    }

    // ------------------------------------------------------------------ permutations

    /** Shuffles {@code a} in place, as {@code shuffle} does a 1-d NumPy array. */
    public synchronized void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[j];
            a[j] = a[i];
            a[i] = t;
        }
    }

    /** Shuffles {@code a} in place, as {@code shuffle} does a 1-d NumPy array. */
    public synchronized void shuffle(long[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            long t = a[j];
            a[j] = a[i];
            a[i] = t;
        }
    }

    /** Shuffles {@code a} in place, as {@code shuffle} does a 1-d NumPy array. */
    public synchronized void shuffle(double[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            double t = a[j];
            a[j] = a[i];
            a[i] = t;
        }
    }

    /** {@code permutation(n)}: the int64 values {@code 0 .. n-1} shuffled (empty when {@code n <= 0}, as NumPy's). */
    public synchronized NdArray permutation(int n) {
        long[] idx = new long[Math.max(n, 0)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        shuffle(idx);
        return NdArray.wrap(idx, Shape.of(idx.length));
    }

    /** {@code permutation(a)}: a copy of {@code a} with its rows (the entries along axis 0) shuffled; {@code a} is unchanged. */
    public NdArray permutation(NdArray a) {
        if (a.ndim() < 1) {
            throw new IllegalArgumentException("permutation: the array must be at least 1-dimensional, got shape "
                    + a.shape());
        }
        return a.take(permutation(a.dim(0)), 0);
    }

    // ------------------------------------------------------------------ choice

    /**
     * {@code choice(a, size, replace, p)} for an integer population {@code a}: {@code size} int64
     * indices in {@code [0, a)}, drawn as NumPy's legacy {@code choice}. {@code p} (may be null)
     * gives the probability of each index; it must have {@code a} non-negative entries summing to
     * 1 (within {@code sqrt(2^-52)}).
     * <ul>
     * <li>with replacement, no {@code p}: {@code randint(0, a, size)};</li>
     * <li>with replacement and {@code p}: one uniform draw per sample, located in the cumulative
     * sums of {@code p};</li>
     * <li>without replacement, no {@code p}: the first {@code size} entries of {@code permutation(a)};</li>
     * <li>without replacement and {@code p}: rounds of draws from {@code p} with the indices
     * already taken set to probability 0, keeping each round's new distinct indices in order.</li>
     * </ul>
     */
    public synchronized NdArray choice(int a, int size, boolean replace, double[] p) {
        if (size < 0) {
            throw new IllegalArgumentException("choice: negative dimensions are not allowed, got size " + size);
        }
        if (a <= 0 && size != 0) {
            throw new IllegalArgumentException("choice: a must be greater than 0 unless no samples are taken, got a "
                    + a);
        }
        if (p != null) {
            checkProbabilities(a, p);
        }
        Shape s = Shape.of(size);
        if (replace) {
            if (p == null) {
                return randint(0, a, size);
            }
            double[] cdf = normalizedCdf(p);
            long[] idx = new long[size];
            for (int i = 0; i < size; i++) {
                idx[i] = searchRight(cdf, draw());
            }
            return NdArray.wrap(idx, s);
        }
        if (size > a) {
            throw new IllegalArgumentException("choice: cannot take a larger sample than the population when "
                    + "replace is false (size " + size + ", population " + a + ")");
        }
        if (p == null) {
            long[] perm = permutation(a).longData;
            return NdArray.wrap(Arrays.copyOf(perm, size), s);
        }
        int positive = 0;
        for (double v : p) {
            positive += v > 0 ? 1 : 0;
        }
        if (positive < size) {
            throw new IllegalArgumentException("choice: fewer non-zero entries in p (" + positive + ") than size "
                    + size);
        }
        double[] q = p.clone();
        long[] found = new long[size];
        int taken = 0;
        boolean[] seen = new boolean[a];
        while (taken < size) {
            double[] x = new double[size - taken];
            for (int i = 0; i < x.length; i++) {
                x[i] = draw();
            }
            for (int i = 0; i < taken; i++) {
                q[(int) found[i]] = 0;
            }
            double[] cdf = normalizedCdf(q);
            // The distinct new indices in order of first appearance (np.unique with return_index, re-sorted).
            Arrays.fill(seen, false);
            int end = taken;
            for (double u : x) {
                int k = searchRight(cdf, u);
                if (!seen[k]) {
                    seen[k] = true;
                    found[end++] = k;
                }
            }
            taken = end;
        }
        return NdArray.wrap(found, s);
    }

    private static void checkProbabilities(int a, double[] p) {
        if (p.length != a) {
            throw new IllegalArgumentException("choice: 'a' and 'p' must have same size, got a " + a + " and "
                    + p.length + " probabilities");
        }
        // Kahan summation, as NumPy checks the total.
        double sum = p.length == 0 ? 0 : p[0];
        double c = 0;
        for (int i = 1; i < p.length; i++) {
            double y = p[i] - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        if (Double.isNaN(sum)) {
            throw new IllegalArgumentException("choice: probabilities contain NaN");
        }
        for (double v : p) {
            if (v < 0) {
                throw new IllegalArgumentException("choice: probabilities are not non-negative, got " + v);
            }
        }
        if (Math.abs(sum - 1) > Math.sqrt(Math.ulp(1.0))) {
            throw new IllegalArgumentException("choice: probabilities do not sum to 1, they sum to " + sum);
        }
    }

    /** The running sums of {@code p} divided by the last one. */
    private static double[] normalizedCdf(double[] p) {
        double[] cdf = new double[p.length];
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            cdf[i] = acc;
        }
        double total = cdf[cdf.length - 1];
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] /= total;
        }
        return cdf;
    }

    /** The number of entries of the sorted {@code cdf} that are {@code <= u} ({@code searchsorted(side='right')}). */
    private static int searchRight(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
