package dezero.layers;

import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.RandomState;

/**
 * An Elman recurrent layer with tanh: DeZero's {@code L.RNN}. Each call takes one time step,
 * {@code h = tanh(x2h(x) + h2h(h_prev))} ({@code tanh(x2h(x))} at the first step), and keeps
 * {@code h} for the next call until {@link #resetState()}.
 *
 * <p>Sub-layers (keys): {@code x2h} ({@link Linear} in → hidden), {@code h2h} (hidden → hidden,
 * no bias). Without an input size both are sized at their first use, as in DeZero.
 */
public final class RNN extends Layer {
    private final Linear x2h;
    private final Linear h2h;
    private Variable h;

    /** Lazy input size, float32, drawn from {@link RandomState#global()}. */
    public RNN(int hiddenSize) {
        this(hiddenSize, -1, DType.FLOAT32, null);
    }

    /**
     * {@code inSize = -1} sizes the input weights at the first step; {@code random == null} draws
     * from {@link RandomState#global()}.
     */
    public RNN(int hiddenSize, int inSize, DType dtype, RandomState random) {
        x2h = addLayer("x2h", linear(hiddenSize, inSize, dtype, random, false));
        h2h = addLayer("h2h", linear(hiddenSize, inSize > 0 ? hiddenSize : -1, dtype, random, true));
    }

    static Linear linear(int out, int in, DType dtype, RandomState random, boolean noBias) {
        Linear.Builder b = Linear.builder(out).dtype(dtype);
        if (in > 0) {
            b.inSize(in);
        }
        if (random != null) {
            b.random(random);
        }
        if (noBias) {
            b.noBias();
        }
        return b.build();
    }

    /** Forgets the hidden state: the next call is a first step. */
    public void resetState() {
        h = null;
    }

    /** The hidden state after the last step, or {@code null}. */
    public Variable h() {
        return h;
    }

    @Override
    protected Variable forward(Variable x) {
        Variable hNew = h == null ? F.tanh(x2h.apply(x)) : F.tanh(x2h.apply(x).add(h2h.apply(h)));
        h = hNew;
        return hNew;
    }
}
