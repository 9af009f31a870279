package dezero.layers;

import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.RandomState;

/**
 * A long short-term memory layer: DeZero's {@code L.LSTM}. Each call takes one time step:
 * {@code f, i, o = sigmoid(x2*(x) + h2*(h))}, {@code u = tanh(x2u(x) + h2u(h))},
 * {@code c = f c + i u}, {@code h = o tanh(c)} (at the first step the {@code h2*} terms and
 * {@code f c} are absent), keeping {@code h} and {@code c} until {@link #resetState()}.
 *
 * <p>Sub-layers (keys, in this order): {@code x2f, x2i, x2o, x2u} ({@link Linear} in → hidden) and
 * {@code h2f, h2i, h2o, h2u} (hidden → hidden, no bias). The {@code h2*} weights are drawn at
 * construction, the {@code x2*} ones too when the input size is given, else at the first step.
 */
public final class LSTM extends Layer {
    private final Linear x2f;
    private final Linear x2i;
    private final Linear x2o;
    private final Linear x2u;
    private final Linear h2f;
    private final Linear h2i;
    private final Linear h2o;
    private final Linear h2u;
    private Variable h;
    private Variable c;

    /** Lazy input size, float32, drawn from {@link RandomState#global()}. */
    public LSTM(int hiddenSize) {
        this(hiddenSize, -1, DType.FLOAT32, null);
    }

    /**
     * {@code inSize = -1} sizes the input weights at the first step; {@code random == null} draws
     * from {@link RandomState#global()}.
     */
    public LSTM(int hiddenSize, int inSize, DType dtype, RandomState random) {
        int hs = hiddenSize;
        x2f = addLayer("x2f", RNN.linear(hs, inSize, dtype, random, false));
        x2i = addLayer("x2i", RNN.linear(hs, inSize, dtype, random, false));
        x2o = addLayer("x2o", RNN.linear(hs, inSize, dtype, random, false));
        x2u = addLayer("x2u", RNN.linear(hs, inSize, dtype, random, false));
        h2f = addLayer("h2f", RNN.linear(hs, hs, dtype, random, true));
        h2i = addLayer("h2i", RNN.linear(hs, hs, dtype, random, true));
        h2o = addLayer("h2o", RNN.linear(hs, hs, dtype, random, true));
        h2u = addLayer("h2u", RNN.linear(hs, hs, dtype, random, true));
    }

    /** Forgets the hidden and cell states: the next call is a first step. */
    public void resetState() {
        h = null;
        c = null;
    }

    /** The hidden state after the last step, or {@code null}. */
    public Variable h() {
        return h;
    }

    /** The cell state after the last step, or {@code null}. */
    public Variable c() {
        return c;
    }

    @Override
    protected Variable forward(Variable x) {
        Variable f;
        Variable i;
        Variable o;
        Variable u;
        if (h == null) {
            f = F.sigmoid(x2f.apply(x));
            i = F.sigmoid(x2i.apply(x));
            o = F.sigmoid(x2o.apply(x));
            u = F.tanh(x2u.apply(x));
        } else {
            f = F.sigmoid(x2f.apply(x).add(h2f.apply(h)));
            i = F.sigmoid(x2i.apply(x).add(h2i.apply(h)));
            o = F.sigmoid(x2o.apply(x).add(h2o.apply(h)));
            u = F.tanh(x2u.apply(x).add(h2u.apply(h)));
        }
        Variable cNew = c == null ? i.mul(u) : f.mul(c).add(i.mul(u));
        Variable hNew = o.mul(F.tanh(cNew));
        h = hNew;
        c = cNew;
        return hNew;
    }
}
