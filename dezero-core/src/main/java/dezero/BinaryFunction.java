package dezero;

import dezero.ndarray.NdArray;
import java.util.Collections;
import java.util.List;

/**
 * A function of two inputs and one output (add, mul, matmul, losses, ...).
 *
 * <p>{@link #backward(Variable)} returns the two input gradients as an array of length 2; an entry
 * may be {@code null} for an input that gets no gradient. The function keeps no reference to its
 * output: {@link #output()} is available inside {@link #backward(Variable)}.
 */
public abstract class BinaryFunction extends Function {
    private Variable input0;
    private Variable input1;
    /** The output while {@link #backward(Variable)} runs, else {@code null}. */
    private Variable current;

    protected BinaryFunction() {
    }

    protected abstract NdArray forward(NdArray x0, NdArray x1);

    /** {@code {gx0, gx1}} given the gradient of the output. */
    protected abstract Variable[] backward(Variable gy);

    /**
     * Forward mode: the tangent of the output given those of the inputs (either may be {@code null},
     * meaning zero, but not both).
     */
    protected Variable jvp(Variable x0, Variable x1, Variable y, Variable dx0, Variable dx1) {
        throw new UnsupportedOperationException(name() + ": forward mode (jvp) is not implemented");
    }

    /** Applies the function once (see {@link Function#apply(Variable...)}). */
    public final Variable apply(Variable x0, Variable x1) {
        return apply(x0, x1, Config.state());
    }

    final Variable apply(Variable x0, Variable x1, Config.State st) {
        if (input0 != null) {
            throw alreadyApplied();
        }
        Variable y = new Variable(forward(dataOf(x0), dataOf(x1)));
        if (st.anomaly) {
            Anomaly.forward(this, new NdArray[] {y.data}, x0, x1);
        }
        if (st.grad && x0.constant && x1.constant) {
            y.constant = true;
        } else if (st.grad) {
            input0 = x0;
            input1 = x1;
            int g = Math.max(x0.generation, x1.generation);
            generation = g;
            y.creator = this;
            y.generation = g + 1;
        }
        Variable dx0 = x0.tangent;
        Variable dx1 = x1.tangent;
        if ((dx0 != null || dx1 != null) && !st.inJvp) {
            st.inJvp = true;
            try {
                y.tangent = checkTangent(jvp(x0, x1, y, dx0, dx1), y);
            } finally {
                st.inJvp = false;
            }
        }
        return y;
    }

    /** The first input, for use in {@link #backward(Variable)}. */
    protected final Variable input0() {
        return input0;
    }

    /** The second input, for use in {@link #backward(Variable)}. */
    protected final Variable input1() {
        return input1;
    }

    /** The output, for use in {@link #backward(Variable)} (only there). */
    protected final Variable output() {
        return current;
    }

    @Override
    public final Variable[] apply(Variable... xs) {
        if (xs.length != 2) {
            throw new IllegalArgumentException(name() + ": takes 2 inputs, got " + xs.length);
        }
        return new Variable[] {apply(xs[0], xs[1])};
    }

    @Override
    protected final NdArray[] forward(NdArray... xs) {
        return new NdArray[] {forward(xs[0], xs[1])};
    }

    @Override
    protected final Variable[] backward(Variable... gys) {
        return backward(gys[0]);
    }

    @Override
    protected final Variable[] jvp(Variable[] xs, Variable[] ys, Variable[] dxs) {
        return new Variable[] {jvp(xs[0], xs[1], ys[0], dxs[0], dxs[1])};
    }

    @Override
    public final List<Variable> outputs() {
        return Collections.emptyList();
    }

    @Override
    int inputCount() {
        return input0 == null ? 0 : 2;
    }

    @Override
    Variable inputAt(int i) {
        return i == 0 ? input0 : input1;
    }

    @Override
    void backwardStep(Backprop bp, Variable y) {
        Variable gy = y.grad;
        if (gy == null) {
            return;
        }
        Variable saved = current;
        current = y;
        Variable[] gxs;
        try {
            gxs = backward(gy);
        } finally {
            current = saved;
        }
        if (gxs == null || gxs.length != 2) {
            throw new IllegalStateException(name() + ".backward: must return 2 gradients, returned "
                    + (gxs == null ? "null" : Integer.toString(gxs.length)));
        }
        if (!bp.retainGrad) {
            y.grad = null;
        }
        bp.accumulate(this, input0, gxs[0]);
        bp.accumulate(this, input1, gxs[1]);
    }
}
