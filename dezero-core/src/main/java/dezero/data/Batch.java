package dezero.data;

import dezero.ndarray.NdArray;

/**
 * A mini-batch: the inputs {@code x} and the targets {@code t} of several examples stacked along a
 * new first axis, as DeZero's {@code DataLoader} yields {@code (x, t)}. {@code t} is {@code null}
 * for unlabeled data.
 *
 * @param x the stacked inputs, shape {@code (batch, ...)}
 * @param t the stacked targets, shape {@code (batch, ...)}, or {@code null}
 */
public record Batch(NdArray x, NdArray t) {
    public Batch {
        if (x == null) {
            throw new IllegalArgumentException("Batch: x must not be null");
        }
        if (x.ndim() == 0) {
            throw new IllegalArgumentException("Batch: x must have a batch axis, got shape " + x.shape());
        }
        if (t != null && (t.ndim() == 0 || t.dim(0) != x.dim(0))) {
            throw new IllegalArgumentException("Batch: x of shape " + x.shape() + " and t of shape " + t.shape()
                    + " differ in batch size");
        }
    }

    /** The number of examples (the length of the first axis). */
    public int size() {
        return x.dim(0);
    }
}
