package dezero.data;

import dezero.data.transforms.Transform;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;

/**
 * The spiral toy dataset of the book (DeZero's {@code Spiral} / {@code get_spiral}): 300 points
 * of 3 interleaved spiral arms, x float32 {@code (300, 2)}, t int64 {@code (300,)} with classes
 * 0, 1, 2, bit for bit the numbers DeZero makes with NumPy.
 *
 * <p>The construction: seed the global {@link RandomState} with 1984 (train) or 2020 (test); for
 * class {@code j} in 0..2 and {@code i} in 0..99, {@code r = i / 100},
 * {@code θ = 4j + 4r + 0.2·N(0, 1)}, the point {@code (r sin θ, r cos θ)} (computed in float64,
 * stored as float32) with label {@code j}; then all 300 are reordered by
 * {@code permutation(300)} of the same stream.
 *
 * <p>Like DeZero, making a spiral <em>reseeds the global stream</em> ({@code np.random.seed}) and
 * leaves it after those draws, so the weights a model draws next are DeZero's too.
 */
public final class Spiral extends ArrayDataset {
    static final int NUM_DATA = 100;
    static final int NUM_CLASS = 3;
    static final long TRAIN_SEED = 1984;
    static final long TEST_SEED = 2020;

    /** The training set. */
    public Spiral() {
        this(true);
    }

    /** The training ({@code true}) or test set, without transforms. */
    public Spiral(boolean train) {
        this(train, null, null);
    }

    /** The training or test set with transforms ({@code null}: the identity). */
    public Spiral(boolean train, Transform transform, Transform targetTransform) {
        this(train, getSpiral(train), transform, targetTransform);
    }

    private Spiral(boolean train, Batch xt, Transform transform, Transform targetTransform) {
        super(train, xt.x(), xt.t(), transform, targetTransform);
    }

    /**
     * DeZero's {@code get_spiral(train)}: the arrays {@code x} (float32 {@code (300, 2)}) and
     * {@code t} (int64 {@code (300,)}). Reseeds the global {@link RandomState} (see the class
     * comment).
     */
    public static Batch getSpiral(boolean train) {
        RandomState.seed(train ? TRAIN_SEED : TEST_SEED);
        RandomState random = RandomState.global();
        int n = NUM_DATA * NUM_CLASS;
        float[] x = new float[n * 2];
        long[] t = new long[n];
        for (int j = 0; j < NUM_CLASS; j++) {
            for (int i = 0; i < NUM_DATA; i++) {
                double rate = (double) i / NUM_DATA;
                double radius = 1.0 * rate;
                double theta = j * 4.0 + 4.0 * rate + random.nextGaussian() * 0.2;
                int ix = NUM_DATA * j + i;
                x[2 * ix] = (float) (radius * StrictMath.sin(theta));
                x[2 * ix + 1] = (float) (radius * StrictMath.cos(theta));
                t[ix] = j;
            }
        }
        NdArray indices = random.permutation(n);
        return new Batch(NdArray.of(x, n, 2).take(indices, 0), NdArray.of(t).take(indices, 0));
    }
}
