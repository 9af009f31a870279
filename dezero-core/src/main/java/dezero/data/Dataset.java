package dezero.data;

import dezero.data.transforms.Transform;
import dezero.ndarray.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * A finite, indexable collection of examples (DeZero's {@code Dataset}): {@code size()} examples,
 * {@code get(i)} the {@code i}-th as an {@link Example} {@code (x, t)} after the transforms.
 *
 * <p>A subclass gives the raw examples through {@link #rawData} and {@link #rawLabel} (no label:
 * {@code null}); this class applies {@link #transform()} to each input and
 * {@link #targetTransform()} to each label, as DeZero's {@code __getitem__} does. A {@code null}
 * transform means the identity. Datasets whose examples lie in whole arrays extend
 * {@link ArrayDataset}, which also gathers mini-batches with one array operation.
 *
 * <pre>{@code
 * Dataset train = new Spiral(true);
 * Example e = train.get(0);          // e.x(): float32 (2,), e.t(): int64 0-d
 * }</pre>
 */
public abstract class Dataset {
    private final boolean train;
    private final Transform transform;
    private final Transform targetTransform;

    /**
     * @param train whether this is the training split (datasets with two splits choose by it)
     * @param transform applied to each input; {@code null} for the identity
     * @param targetTransform applied to each label; {@code null} for the identity
     */
    protected Dataset(boolean train, Transform transform, Transform targetTransform) {
        this.train = train;
        this.transform = transform == null ? Transform.identity() : transform;
        this.targetTransform = targetTransform == null ? Transform.identity() : targetTransform;
    }

    /** True for the training split, false for the test split. */
    public final boolean train() {
        return train;
    }

    /** The transform applied to each input (the identity when none was given). */
    public final Transform transform() {
        return transform;
    }

    /** The transform applied to each label (the identity when none was given). */
    public final Transform targetTransform() {
        return targetTransform;
    }

    /** The number of examples. */
    public abstract int size();

    /** Input {@code i} before the transform; {@code 0 <= i < size()} is checked by the caller. */
    protected abstract NdArray rawData(int i);

    /** Label {@code i} before the target transform, or {@code null} for unlabeled data. */
    protected NdArray rawLabel(int i) {
        return null;
    }

    /** Example {@code i} with the transforms applied; {@code t} is {@code null} without labels. */
    public final Example get(int i) {
        checkIndex("get", i);
        NdArray x = transform.apply(rawData(i));
        NdArray t = rawLabel(i);
        return new Example(x, t == null ? null : targetTransform.apply(t));
    }

    /**
     * The examples at {@code indices}, transformed and stacked along a new first axis, as
     * DeZero's {@code DataLoader} builds a batch. The inputs and labels of all examples must have
     * equal shapes. This implementation calls {@link #get} for each index; {@link ArrayDataset}
     * gathers from its arrays directly.
     */
    public Batch batch(int[] indices) {
        checkIndices(indices);
        List<NdArray> xs = new ArrayList<>(indices.length);
        List<NdArray> ts = new ArrayList<>(indices.length);
        for (int i : indices) {
            Example e = get(i);
            xs.add(e.x());
            if (e.t() != null) {
                ts.add(e.t());
            }
        }
        if (!ts.isEmpty() && ts.size() != xs.size()) {
            throw new IllegalStateException(name() + ".batch: some examples have labels and some do not");
        }
        return new Batch(NdArray.stack(xs, 0), ts.isEmpty() ? null : NdArray.stack(ts, 0));
    }

    /** Checks that {@code indices} is non-empty and every index lies in {@code [0, size())}. */
    protected final void checkIndices(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException(name() + ".batch: no indices (a batch needs at least one example)");
        }
        for (int i : indices) {
            checkIndex("batch", i);
        }
    }

    private void checkIndex(String op, int i) {
        int n = size();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException(name() + "." + op + ": index " + i
                    + " is out of bounds for a dataset of size " + n);
        }
    }

    /** The class name used in messages. */
    final String name() {
        String s = getClass().getSimpleName();
        return s.isEmpty() ? "Dataset" : s;
    }

    @Override
    public String toString() {
        return name() + "(" + (train ? "train" : "test") + ", size=" + size() + ")";
    }
}
