package dezero.layers;

import dezero.Parameter;
import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import java.util.Objects;

/**
 * A fully connected layer {@code y = x W + b}: DeZero's {@code L.Linear}.
 *
 * <p>{@code W} has shape {@code (in, out)} and starts as {@code randn(in, out).astype(dtype) *
 * sqrt(1 / in)} drawn from a {@link RandomState} ({@link RandomState#global()} unless another is
 * given, as DeZero draws from {@code np.random}); {@code b} starts as zeros of shape {@code (out,)}.
 * Without an input size, {@code W} is drawn at the first forward pass, from the number of columns of
 * that input. The default dtype is {@code float32}, as in DeZero.
 *
 * <pre>{@code
 * Linear l = new Linear(10);                                  // lazy input size, float32
 * Linear m = Linear.builder(10).inSize(784).dtype(DType.FLOAT64).random(new RandomState(0)).build();
 * Variable y = l.apply(x);
 * }</pre>
 *
 * Parameter keys: {@code W}, {@code b}.
 */
public final class Linear extends Layer {
    private final int outSize;
    private int inSize;
    private final DType dtype;
    private final RandomState random;
    private final Parameter w;
    private final Parameter b;

    /** {@code Linear(outSize)}: lazy input size, float32, with bias, drawn from {@link RandomState#global()}. */
    public Linear(int outSize) {
        this(builder(outSize));
    }

    private Linear(Builder o) {
        if (o.outSize <= 0) {
            throw new IllegalArgumentException("Linear: out size must be positive, got " + o.outSize);
        }
        if (o.inSize == 0 || o.inSize < -1) {
            throw new IllegalArgumentException("Linear: in size must be positive, got " + o.inSize);
        }
        if (!o.dtype.isFloating()) {
            throw new IllegalArgumentException("Linear: dtype must be floating, got " + o.dtype);
        }
        this.outSize = o.outSize;
        this.inSize = o.inSize;
        this.dtype = o.dtype;
        this.random = o.random;
        this.w = addParam("W", new Parameter(null, "W"));
        if (inSize > 0) {
            initW();
        }
        this.b = addParam("b", o.noBias ? null : new Parameter(NdArray.zeros(dtype, outSize), "b"));
    }

    /** A builder for the options of DeZero's {@code Linear(out_size, nobias, dtype, in_size)}. */
    public static Builder builder(int outSize) {
        return new Builder(outSize);
    }

    private void initW() {
        RandomState rs = random != null ? random : RandomState.global();
        w.setData(rs.randn(inSize, outSize).astype(dtype).mul(Math.sqrt(1.0 / inSize)));
    }

    @Override
    protected Variable forward(Variable x) {
        if (w.data() == null) {
            if (x.ndim() != 2) {
                throw new IllegalArgumentException("Linear: input must be 2-d (N, in), got shape " + x.shape());
            }
            inSize = x.shape().dim(1);
            initW();
        }
        return F.linear(x, w, b);
    }

    /** The weight {@code W (in, out)} (no data until the input size is known). */
    public Parameter W() {
        return w;
    }

    /** The bias {@code b (out,)}, or {@code null} without bias. */
    public Parameter b() {
        return b;
    }

    public int outSize() {
        return outSize;
    }

    /** The input size, or -1 while it is not known yet. */
    public int inSize() {
        NdArray d = w.data();
        return d != null ? d.shape().dim(0) : inSize;
    }

    public DType dtype() {
        return dtype;
    }

    /** Options of {@link Linear}. */
    public static final class Builder {
        private final int outSize;
        private int inSize = -1;
        private DType dtype = DType.FLOAT32;
        private boolean noBias;
        private RandomState random;

        private Builder(int outSize) {
            this.outSize = outSize;
        }

        /** The input size: {@code W} is drawn now instead of at the first forward pass. */
        public Builder inSize(int inSize) {
            if (inSize <= 0) {
                throw new IllegalArgumentException("Linear: in size must be positive, got " + inSize);
            }
            this.inSize = inSize;
            return this;
        }

        /** The dtype of the parameters (float32 by default, as in DeZero). */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /** No bias (DeZero's {@code nobias=True}). */
        public Builder noBias() {
            this.noBias = true;
            return this;
        }

        /** The random state {@code W} is drawn from (default: {@link RandomState#global()} at draw time). */
        public Builder random(RandomState random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Linear build() {
            return new Linear(this);
        }
    }
}
