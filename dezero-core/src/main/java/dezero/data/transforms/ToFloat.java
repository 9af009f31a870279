package dezero.data.transforms;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;

/** Converts an example to a floating dtype, float32 by default (DeZero's {@code ToFloat}). */
public final class ToFloat implements Transform {
    private final DType dtype;

    /** Conversion to float32. */
    public ToFloat() {
        this(DType.FLOAT32);
    }

    public ToFloat(DType dtype) {
        if (dtype == null || !dtype.isFloating()) {
            throw new IllegalArgumentException("ToFloat: dtype must be float32 or float64, got " + dtype);
        }
        this.dtype = dtype;
    }

    public DType dtype() {
        return dtype;
    }

    @Override
    public NdArray apply(NdArray example) {
        return example.astype(dtype);
    }

    @Override
    public NdArray applyBatch(NdArray batch) {
        return batch.astype(dtype);
    }

    @Override
    public String toString() {
        return "ToFloat(" + dtype + ")";
    }
}
