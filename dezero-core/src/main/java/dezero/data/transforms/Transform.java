package dezero.data.transforms;

import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * A preprocessing step applied to each example (or target) of a dataset: a function
 * {@code NdArray -> NdArray}, as DeZero's transforms are callables on NumPy arrays.
 *
 * <p>{@link #applyBatch} applies the transform to every example of a stacked batch (axis 0). Its
 * default applies {@link #apply} to each example and stacks the results, which is always what
 * DeZero computes; the transforms of this package override it with one operation on the whole
 * batch that gives the same values.
 *
 * <pre>{@code
 * Transform t = new Compose(new Flatten(), new ToFloat(), new Normalize(0, 255));
 * Transform square = x -> x.mul(x);      // any lambda is a transform
 * }</pre>
 */
@FunctionalInterface
public interface Transform {
    /** The transformed example. */
    NdArray apply(NdArray example);

    /**
     * The transform of each example of {@code batch} (examples along axis 0), stacked again along
     * axis 0. The batch must hold at least one example.
     */
    default NdArray applyBatch(NdArray batch) {
        if (batch.ndim() == 0 || batch.dim(0) == 0) {
            throw new IllegalArgumentException("applyBatch: a batch needs at least one example along axis 0, got shape "
                    + batch.shape());
        }
        int n = batch.dim(0);
        List<NdArray> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(apply(batch.get(Index.at(i))));
        }
        return NdArray.stack(out, 0);
    }

    /** The transform that returns its argument (DeZero's default {@code lambda x: x}). */
    static Transform identity() {
        return Identity.INSTANCE;
    }

    /** This transform followed by {@code next}. */
    default Transform andThen(Transform next) {
        return new Compose(this, next);
    }
}

/** The identity, also on whole batches. */
final class Identity implements Transform {
    static final Identity INSTANCE = new Identity();

    private Identity() {
    }

    @Override
    public NdArray apply(NdArray example) {
        return example;
    }

    @Override
    public NdArray applyBatch(NdArray batch) {
        return batch;
    }

    @Override
    public String toString() {
        return "Identity()";
    }
}
