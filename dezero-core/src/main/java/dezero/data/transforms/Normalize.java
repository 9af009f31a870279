package dezero.data.transforms;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.Arrays;

/**
 * {@code (x - mean) / std}, with one mean and standard deviation for all values or one per channel
 * (axis 0 of an example, e.g. the C of a C×H×W image), as DeZero's {@code Normalize}.
 *
 * <p>dtypes follow NumPy: a float32 example stays float32 (the mean and std are rounded to float32
 * first, as NumPy does with a Python float or a float32 array), float64 stays float64, and an
 * int64 example gives float64.
 *
 * <pre>{@code
 * new Normalize(0, 255)                                          // scale 0..255 to 0..1
 * new Normalize(new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25})  // per channel
 * }</pre>
 */
public final class Normalize implements Transform {
    private final double[] mean;
    private final double[] std;

    /** The same mean and standard deviation for every value; {@code std} must be non-zero. */
    public Normalize(double mean, double std) {
        this(new double[] {mean}, new double[] {std});
    }

    /**
     * One mean and standard deviation per channel (axis 0 of an example); an array of length 1
     * applies to all values. The two arrays must each have length 1 or the number of channels.
     */
    public Normalize(double[] mean, double[] std) {
        if (mean == null || std == null || mean.length == 0 || std.length == 0) {
            throw new IllegalArgumentException("Normalize: mean and std must each hold at least one value");
        }
        for (double s : std) {
            if (s == 0 || Double.isNaN(s)) {
                throw new IllegalArgumentException("Normalize: std must be non-zero, got " + Arrays.toString(std));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    public NdArray apply(NdArray example) {
        return normalize(example, example.ndim());
    }

    /** The same values as applying to each example: the per-channel axis is axis 1 of the batch. */
    @Override
    public NdArray applyBatch(NdArray batch) {
        if (batch.ndim() == 0) {
            throw new IllegalArgumentException("Normalize.applyBatch: a batch needs axis 0, got shape " + batch.shape());
        }
        return normalize(batch, batch.ndim() - 1);
    }

    /** {@code exampleNdim} = the rank of one example; a batch has one more (leading) axis. */
    private NdArray normalize(NdArray a, int exampleNdim) {
        DType dt = a.dtype().isFloating() ? a.dtype() : DType.FLOAT64;
        NdArray x = a;
        if (mean.length == 1) {
            double m = round(mean[0], dt);
            if (m != 0) {
                x = x.sub(m);
            }
        } else {
            x = x.sub(channels("mean", mean, dt, a, exampleNdim));
        }
        if (std.length == 1) {
            return x.div(round(std[0], dt));
        }
        return x.div(channels("std", std, dt, a, exampleNdim));
    }

    private static double round(double v, DType dt) {
        return dt == DType.FLOAT32 ? (double) (float) v : v;
    }

    /** The per-channel values shaped {@code (C, 1, ..., 1)} with the rank of one example. */
    private static NdArray channels(String what, double[] v, DType dt, NdArray a, int exampleNdim) {
        if (exampleNdim == 0) {
            throw new IllegalArgumentException("Normalize: " + v.length + " values of " + what
                    + " (one per channel) need examples with a channel axis, got array of shape " + a.shape());
        }
        int[] shape = new int[exampleNdim];
        Arrays.fill(shape, 1);
        shape[0] = v.length;
        return NdArray.of(v, shape).astype(dt);
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + format(mean) + ", std=" + format(std) + ")";
    }

    private static String format(double[] v) {
        return v.length == 1 ? Double.toString(v[0]) : Arrays.toString(v);
    }
}
