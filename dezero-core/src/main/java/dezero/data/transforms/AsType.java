package dezero.data.transforms;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;

/** Converts an example to a dtype (DeZero's {@code AsType}; float32 by default). */
public final class AsType implements Transform {
    private final DType dtype;

    /** Conversion to float32. */
    public AsType() {
        this(DType.FLOAT32);
    }

    public AsType(DType dtype) {
        if (dtype == null) {
            throw new IllegalArgumentException("AsType: dtype must not be null");
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
        return "AsType(" + dtype + ")";
    }
}
