package dezero;

import dezero.ndarray.NdArray;
import java.util.Collections;
import java.util.List;

/**
 * A function of one input and one output, the common case (exp, tanh, reshape, sum, ...).
 *
 * <pre>{@code
 * final class Square extends UnaryFunction {
 *     protected NdArray forward(NdArray x) { return x.square(); }
 *     protected Variable backward(Variable gy) { return gy.mul(input()).mul(2); }
 *     protected Variable jvp(Variable x, Variable y, Variable dx) { return dx.mul(x).mul(2); }
 * }
 * Variable y = new Square().apply(x);
 * }</pre>
 *
 * <p>The function keeps no reference to its output: {@link #output()} is available inside
 * {@link #backward(Variable)}, where the engine hands the output over.
 */
public abstract class UnaryFunction extends Function {
    private Variable input;
    /** The output while {@link #backward(Variable)} runs, else {@code null}. */
    private Variable current;

    protected UnaryFunction() {
    }

    protected abstract NdArray forward(NdArray x);

    /** The gradient of the input given that of the output ({@code null}: no gradient). */
    protected abstract Variable backward(Variable gy);

    /** Forward mode: the tangent of the output {@code y} given that of the input ({@code dx} non-null). */
    protected Variable jvp(Variable x, Variable y, Variable dx) {
        throw new UnsupportedOperationException(name() + ": forward mode (jvp) is not implemented");
    }

    /** Applies the function once (see {@link Function#apply(Variable...)}). */
    public final Variable apply(Variable x) {
        return apply(x, Config.state());
    }

    final Variable apply(Variable x, Config.State st) {
        if (input != null) {
            throw alreadyApplied();
        }
        Variable y = new Variable(forward(dataOf(x)));
        if (st.anomaly) {
            Anomaly.forward(this, new NdArray[] {y.data}, x);
        }
        if (st.grad && x.constant) {
            y.constant = true;
        } else if (st.grad) {
            input = x;
            int g = x.generation;
            generation = g;
            y.creator = this;
            y.generation = g + 1;
        }
        Variable dx = x.tangent;
        if (dx != null && !st.inJvp) {
            st.inJvp = true;
            try {
                y.tangent = checkTangent(jvp(x, y, dx), y);
            } finally {
                st.inJvp = false;
            }
        }
        return y;
    }

    /** The input, for use in {@link #backward(Variable)}. */
    protected final Variable input() {
        return input;
    }

    /** The output, for use in {@link #backward(Variable)} (only there). */
    protected final Variable output() {
        return current;
    }

    @Override
    public final Variable[] apply(Variable... xs) {
        if (xs.length != 1) {
            throw new IllegalArgumentException(name() + ": takes 1 input, got " + xs.length);
        }
        return new Variable[] {apply(xs[0])};
    }

    @Override
    protected final NdArray[] forward(NdArray... xs) {
        return new NdArray[] {forward(xs[0])};
    }

    @Override
    protected final Variable[] backward(Variable... gys) {
        return new Variable[] {backward(gys[0])};
    }

    @Override
    protected final Variable[] jvp(Variable[] xs, Variable[] ys, Variable[] dxs) {
        return new Variable[] {jvp(xs[0], ys[0], dxs[0])};
    }

    @Override
    public final List<Variable> outputs() {
        return Collections.emptyList();
    }

    @Override
    int inputCount() {
        return input == null ? 0 : 1;
    }

    @Override
    Variable inputAt(int i) {
        return input;
    }

    @Override
    void backwardStep(Backprop bp, Variable y) {
        Variable gy = y.grad;
        if (gy == null) {
            return; // the output received no gradient: nothing flows back
        }
        Variable saved = current;
        current = y;
        Variable gx;
        try {
            gx = backward(gy);
        } finally {
            current = saved;
        }
        if (!bp.retainGrad) {
            y.grad = null;
        }
        bp.accumulate(this, input, gx);
    }
}
