package dezero.data;

import dezero.ndarray.NdArray;

/**
 * One example of a {@link Dataset}: the input {@code x} and its target {@code t}, both after the
 * dataset's transforms. {@code t} is {@code null} for unlabeled data (DeZero's {@code (x, None)}).
 *
 * @param x the input, e.g. a float32 image or feature vector
 * @param t the target, e.g. a 0-d int64 class label; {@code null} when the dataset has no labels
 */
public record Example(NdArray x, NdArray t) {
    public Example {
        if (x == null) {
            throw new IllegalArgumentException("Example: x must not be null");
        }
    }
}
