package dezero.layers;

import dezero.Parameter;
import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import java.util.Objects;

/**
 * A 2-d convolution layer: DeZero's {@code L.Conv2d} (see {@link F#conv2d}). {@code W} has shape
 * {@code (OC, C, KH, KW)} and starts as {@code randn(OC, C, KH, KW).astype(dtype) *
 * sqrt(1 / (C KH KW))} from a {@link RandomState} ({@link RandomState#global()} unless another is
 * given); {@code b} starts as zeros {@code (OC,)}. Without the number of input channels, {@code W}
 * is drawn at the first forward pass. The default dtype is {@code float32}, as in DeZero.
 *
 * <pre>{@code
 * Conv2d c = new Conv2d(16, 3, 1, 1);                 // 16 filters of 3 x 3, stride 1, pad 1
 * Conv2d d = Conv2d.builder(32, 3).pad(1).inChannels(16).random(new RandomState(0)).build();
 * }</pre>
 *
 * Keys: {@code W}, {@code b}.
 */
public final class Conv2d extends Layer {
    private final int outChannels;
    private final int kh;
    private final int kw;
    private final int[] stride;
    private final int[] pad;
    private final DType dtype;
    private final RandomState random;
    private int inChannels;
    private final Parameter w;
    private final Parameter b;

    /** {@code Conv2d(outChannels, kernelSize)}: stride 1, no padding, lazy input channels, float32, with bias. */
    public Conv2d(int outChannels, int kernelSize) {
        this(builder(outChannels, kernelSize));
    }

    /** Square kernel, the same stride and padding on both axes; lazy input channels, float32, with bias. */
    public Conv2d(int outChannels, int kernelSize, int stride, int pad) {
        this(builder(outChannels, kernelSize).stride(stride).pad(pad));
    }

    private Conv2d(Builder o) {
        if (o.outChannels <= 0) {
            throw new IllegalArgumentException("Conv2d: out channels must be positive, got " + o.outChannels);
        }
        if (!o.dtype.isFloating()) {
            throw new IllegalArgumentException("Conv2d: dtype must be floating, got " + o.dtype);
        }
        this.outChannels = o.outChannels;
        this.kh = o.kernel[0];
        this.kw = o.kernel[1];
        this.stride = o.stride.clone();
        this.pad = o.pad.clone();
        this.dtype = o.dtype;
        this.random = o.random;
        this.inChannels = o.inChannels;
        this.w = addParam("W", new Parameter(null, "W"));
        if (inChannels > 0) {
            initW();
        }
        this.b = addParam("b", o.noBias ? null : new Parameter(NdArray.zeros(dtype, outChannels), "b"));
    }

    /**
     * A builder for the options of DeZero's
     * {@code Conv2d(out_channels, kernel_size, stride, pad, nobias, dtype, in_channels)}.
     */
    public static Builder builder(int outChannels, int kernelSize) {
        return new Builder(outChannels, new int[] {kernelSize, kernelSize});
    }

    /** As {@link #builder(int, int)} with a kernel of {@code (KH, KW)}. */
    public static Builder builder(int outChannels, int kernelH, int kernelW) {
        return new Builder(outChannels, new int[] {kernelH, kernelW});
    }

    private void initW() {
        RandomState rs = random != null ? random : RandomState.global();
        double scale = Math.sqrt(1.0 / (inChannels * kh * kw));
        w.setData(rs.randn(outChannels, inChannels, kh, kw).astype(dtype).mul(scale));
    }

    @Override
    protected Variable forward(Variable x) {
        if (w.data() == null) {
            if (x.ndim() != 4) {
                throw new IllegalArgumentException("Conv2d: input must be 4-d (N, C, H, W), got shape " + x.shape());
            }
            inChannels = x.shape().dim(1);
            initW();
        }
        return F.conv2d(x, w, b, stride, pad);
    }

    /** The filters {@code W (OC, C, KH, KW)} (no data until the input channels are known). */
    public Parameter W() {
        return w;
    }

    /** The bias {@code (OC,)}, or {@code null} without bias. */
    public Parameter b() {
        return b;
    }

    /** Options of {@link Conv2d}. */
    public static final class Builder {
        private final int outChannels;
        private final int[] kernel;
        private int[] stride = {1, 1};
        private int[] pad = {0, 0};
        private int inChannels = -1;
        private DType dtype = DType.FLOAT32;
        private boolean noBias;
        private RandomState random;

        private Builder(int outChannels, int[] kernel) {
            if (kernel[0] <= 0 || kernel[1] <= 0) {
                throw new IllegalArgumentException("Conv2d: kernel size must be positive, got (" + kernel[0] + ", "
                        + kernel[1] + ")");
            }
            this.outChannels = outChannels;
            this.kernel = kernel;
        }

        public Builder stride(int stride) {
            return stride(stride, stride);
        }

        public Builder stride(int strideH, int strideW) {
            if (strideH <= 0 || strideW <= 0) {
                throw new IllegalArgumentException("Conv2d: stride must be positive, got (" + strideH + ", " + strideW
                        + ")");
            }
            this.stride = new int[] {strideH, strideW};
            return this;
        }

        public Builder pad(int pad) {
            return pad(pad, pad);
        }

        public Builder pad(int padH, int padW) {
            if (padH < 0 || padW < 0) {
                throw new IllegalArgumentException("Conv2d: padding must be non-negative, got (" + padH + ", " + padW
                        + ")");
            }
            this.pad = new int[] {padH, padW};
            return this;
        }

        /** The number of input channels: {@code W} is drawn now instead of at the first forward pass. */
        public Builder inChannels(int inChannels) {
            if (inChannels <= 0) {
                throw new IllegalArgumentException("Conv2d: in channels must be positive, got " + inChannels);
            }
            this.inChannels = inChannels;
            return this;
        }

        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        public Builder noBias() {
            this.noBias = true;
            return this;
        }

        public Builder random(RandomState random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Conv2d build() {
            return new Conv2d(this);
        }
    }
}
