package dezero.data;

import dezero.data.transforms.Transform;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;

/**
 * A dataset held in two arrays: the inputs {@code data} (example {@code i} is {@code data[i]}) and
 * optional labels {@code label} of the same length along axis 0. This is how DeZero's datasets
 * store their examples ({@code self.data}, {@code self.label}).
 *
 * <p>{@link #batch} gathers a mini-batch with one {@code take} per array and applies the
 * transforms through {@link Transform#applyBatch}, which gives the same values as transforming
 * each example and stacking them (and costs nothing for the identity).
 *
 * <pre>{@code
 * Dataset ds = new ArrayDataset(x, t);                         // x: (N, ...), t: (N,) or null
 * Batch b = ds.batch(new int[] {3, 1, 4});                     // b.x(): (3, ...), b.t(): (3,)
 * }</pre>
 */
public class ArrayDataset extends Dataset {
    private final NdArray data;
    private final NdArray label;

    /** A training dataset without transforms; {@code label} may be {@code null}. */
    public ArrayDataset(NdArray data, NdArray label) {
        this(true, data, label, null, null);
    }

    /**
     * @param data the inputs, one example per index of axis 0
     * @param label the labels, one per index of axis 0, or {@code null} for unlabeled data
     * @param transform applied to each input; {@code null} for the identity
     * @param targetTransform applied to each label; {@code null} for the identity
     */
    public ArrayDataset(boolean train, NdArray data, NdArray label, Transform transform, Transform targetTransform) {
        super(train, transform, targetTransform);
        if (data == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": data must not be null");
        }
        if (data.ndim() == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": data needs an axis of examples, got shape " + data.shape());
        }
        if (label != null && (label.ndim() == 0 || label.dim(0) != data.dim(0))) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": data of shape " + data.shape()
                    + " and label of shape " + label.shape() + " differ in the number of examples");
        }
        this.data = data;
        this.label = label;
    }

    /** All inputs before the transform, shape {@code (size(), ...)}. */
    public final NdArray data() {
        return data;
    }

    /** All labels before the target transform, or {@code null}. */
    public final NdArray label() {
        return label;
    }

    @Override
    public final int size() {
        return data.dim(0);
    }

    @Override
    protected final NdArray rawData(int i) {
        return data.get(Index.at(i));
    }

    @Override
    protected final NdArray rawLabel(int i) {
        return label == null ? null : label.get(Index.at(i));
    }

    @Override
    public final Batch batch(int[] indices) {
        checkIndices(indices);
        NdArray idx = NdArray.of(indices);
        NdArray x = transform().applyBatch(data.take(idx, 0));
        NdArray t = label == null ? null : targetTransform().applyBatch(label.take(idx, 0));
        return new Batch(x, t);
    }
}
