package dezero.data.transforms;

import dezero.ndarray.NdArray;

/** Flattens an example to one axis in C order (DeZero's {@code Flatten}: {@code array.flatten()}). */
public final class Flatten implements Transform {
    @Override
    public NdArray apply(NdArray example) {
        return example.flatten();
    }

    /** Keeps the batch axis and flattens the rest: {@code (B, d1, d2, ...) -> (B, d1 * d2 * ...)}. */
    @Override
    public NdArray applyBatch(NdArray batch) {
        if (batch.ndim() == 0) {
            throw new IllegalArgumentException("Flatten.applyBatch: a batch needs axis 0, got shape " + batch.shape());
        }
        int rest = 1;
        for (int i = 1; i < batch.ndim(); i++) {
            rest *= batch.dim(i);
        }
        return batch.reshape(batch.dim(0), rest);
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
