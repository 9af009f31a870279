package dezero.data;

import dezero.data.transforms.Transform;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;

/**
 * A noisy sine wave for next-value prediction with recurrent networks (DeZero's
 * {@code SinCurve}): {@code y} at 1000 points {@code linspace(0, 2π, 1000)}; the inputs are
 * {@code y[0..998]} and the targets {@code y[1..999]}, both float64 {@code (999, 1)}.
 *
 * <p>For training {@code y = sin(x) + noise} with {@code noise = uniform(-0.05, 0.05, 1000)}
 * drawn from the global {@link RandomState} (not reseeded, as in DeZero); for testing
 * {@code y = cos(x)} without noise, though the noise is drawn all the same, as DeZero does.
 */
public final class SinCurve extends ArrayDataset {
    static final int NUM_DATA = 1000;

    /** The training set. */
    public SinCurve() {
        this(true);
    }

    /** The training ({@code true}) or test set, the noise drawn from the global stream. */
    public SinCurve(boolean train) {
        this(train, (RandomState) null, null, null);
    }

    /**
     * The training or test set with transforms ({@code null}: the identity), the noise drawn from
     * {@code random} ({@code null}: the global stream).
     */
    public SinCurve(boolean train, RandomState random, Transform transform, Transform targetTransform) {
        this(train, generate(train, random), transform, targetTransform);
    }

    private SinCurve(boolean train, Batch xt, Transform transform, Transform targetTransform) {
        super(train, xt.x(), xt.t(), transform, targetTransform);
    }

    private static Batch generate(boolean train, RandomState random) {
        RandomState rs = random != null ? random : RandomState.global();
        NdArray x = NdArray.linspace(0, 2 * Math.PI, NUM_DATA);
        NdArray noise = rs.uniform(-0.05, 0.05, NUM_DATA);
        NdArray y = train ? x.sin().add(noise) : x.cos();
        NdArray data = y.get(Index.slice(0, NUM_DATA - 1)).reshape(NUM_DATA - 1, 1);
        NdArray label = y.get(Index.slice(1, NUM_DATA)).reshape(NUM_DATA - 1, 1);
        return new Batch(data, label);
    }
}
