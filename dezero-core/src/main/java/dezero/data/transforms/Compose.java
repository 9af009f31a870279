package dezero.data.transforms;

import dezero.ndarray.NdArray;
import java.util.List;

/**
 * Several transforms applied in order; with none it is the identity (DeZero's {@code Compose}).
 *
 * <pre>{@code
 * new Compose(new Flatten(), new ToFloat(), new Normalize(0, 255))   // MNIST's default
 * }</pre>
 */
public final class Compose implements Transform {
    private final List<Transform> transforms;

    public Compose(Transform... transforms) {
        this(List.of(transforms));
    }

    public Compose(List<Transform> transforms) {
        for (int i = 0; i < transforms.size(); i++) {
            if (transforms.get(i) == null) {
                throw new IllegalArgumentException("Compose: transform " + i + " is null");
            }
        }
        this.transforms = List.copyOf(transforms);
    }

    /** The transforms, in the order they are applied. */
    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public NdArray apply(NdArray example) {
        NdArray x = example;
        for (Transform t : transforms) {
            x = t.apply(x);
        }
        return x;
    }

    @Override
    public NdArray applyBatch(NdArray batch) {
        NdArray x = batch;
        for (Transform t : transforms) {
            x = t.applyBatch(x);
        }
        return x;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Compose(");
        for (int i = 0; i < transforms.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(transforms.get(i));
        }
        return sb.append(')').toString();
    }
}
