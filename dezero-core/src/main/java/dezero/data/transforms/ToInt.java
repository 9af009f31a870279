package dezero.data.transforms;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;

/**
 * Converts an example to int64 (DeZero's {@code ToInt}); floating values are truncated toward
 * zero, as NumPy's {@code astype(int)} does.
 */
public final class ToInt implements Transform {
    @Override
    public NdArray apply(NdArray example) {
        return example.astype(DType.INT64);
    }

    @Override
    public NdArray applyBatch(NdArray batch) {
        return batch.astype(DType.INT64);
    }

    @Override
    public String toString() {
        return "ToInt()";
    }
}
