package dezero;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A differentiable operation: a node of the computational graph.
 *
 * <p>{@link #forward} computes on arrays; {@link #backward} receives the gradients of the outputs
 * as {@link Variable}s and returns those of the inputs, computed with {@code Variable} operations so
 * that the gradient itself can be differentiated ({@link Backward#CREATE_GRAPH}). An optional
 * {@link #jvp} gives forward-mode derivatives. A new instance is made for every application:
 *
 * <pre>{@code
 * Variable y = new Square().apply(x);
 * }</pre>
 *
 * <p>When grad mode is on ({@link Config#isGradEnabled()}), applying a function links its outputs
 * to it ({@link Variable#creator()}) and it to its inputs (held strongly, for backward). A function
 * does not keep its outputs alive: functions of one output do not refer to it at all (backward hands
 * it over), others hold their outputs through weak references. So the graph has no reference cycle
 * and is freed as soon as the user drops the outputs. In no-grad mode nothing is linked, nor when
 * every input is a constant ({@link Variable#constant}): the outputs are constants then.
 *
 * <p>Backward computes gradients only for inputs that need one ({@link #needsGrad}): the gradient of
 * a batch of data or of labels is never computed.
 *
 * <p>Most functions have one or two inputs and one output: extend {@link UnaryFunction} or
 * {@link BinaryFunction}, which are simpler and faster. Extend this class directly for any other arity.
 */
public abstract class Function {
    /** The largest generation of the inputs; backward processes later generations first. */
    int generation;
    /** The number of the last backward pass that queued this function (each is processed once per pass). */
    int mark;

    private Variable[] inputs;
    private WeakReference<Variable>[] outputs;
    private Shape[] outShapes;
    private DType[] outDtypes;

    protected Function() {
    }

    /** The outputs of {@link #forward} for the given input arrays. */
    protected abstract NdArray[] forward(NdArray... xs);

    /**
     * The gradients of the inputs given those of the outputs ({@code gys[i]} has the shape of output
     * {@code i}; an output that received no gradient gets zeros). An entry may be {@code null} for an
     * input that gets no gradient (e.g. integer labels).
     */
    protected abstract Variable[] backward(Variable... gys);

    /**
     * Forward mode: the tangents of the outputs {@code ys} given those of the inputs {@code xs}
     * ({@code dxs[i] == null} means a zero tangent; at least one is non-null). The default throws
     * {@link UnsupportedOperationException}.
     */
    protected Variable[] jvp(Variable[] xs, Variable[] ys, Variable[] dxs) {
        throw new UnsupportedOperationException(name() + ": forward mode (jvp) is not implemented");
    }

    /**
     * Applies the function: computes the outputs and, in grad mode, links them into the graph. An
     * instance can be applied once.
     */
    public Variable[] apply(Variable... xs) {
        if (inputs != null) {
            throw alreadyApplied();
        }
        NdArray[] in = new NdArray[xs.length];
        for (int i = 0; i < xs.length; i++) {
            in[i] = dataOf(xs[i]);
        }
        NdArray[] out = forward(in);
        Variable[] ys = new Variable[out.length];
        for (int i = 0; i < out.length; i++) {
            ys[i] = new Variable(out[i]);
        }
        Config.State st = Config.state();
        if (st.anomaly) {
            Anomaly.forward(this, out, xs);
        }
        boolean constants = true;
        for (Variable x : xs) {
            constants &= x.constant;
        }
        if (st.grad && constants) {
            for (Variable y : ys) {
                y.constant = true; // nothing to differentiate: not recorded
            }
        } else if (st.grad) {
            int g = 0;
            for (Variable x : xs) {
                g = Math.max(g, x.generation);
            }
            generation = g;
            inputs = xs.clone();
            @SuppressWarnings("unchecked")
            WeakReference<Variable>[] refs = new WeakReference[ys.length];
            outShapes = new Shape[ys.length];
            outDtypes = new DType[ys.length];
            for (int i = 0; i < ys.length; i++) {
                ys[i].creator = this;
                ys[i].generation = g + 1;
                refs[i] = new WeakReference<>(ys[i]);
                outShapes[i] = out[i].shape();
                outDtypes[i] = out[i].dtype();
            }
            outputs = refs;
        }
        if (!st.inJvp) {
            Variable[] dxs = null;
            for (int i = 0; i < xs.length; i++) {
                if (xs[i].tangent != null) {
                    if (dxs == null) {
                        dxs = new Variable[xs.length];
                    }
                    dxs[i] = xs[i].tangent;
                }
            }
            if (dxs != null) {
                st.inJvp = true;
                Variable[] dys;
                try {
                    dys = jvp(xs.clone(), ys.clone(), dxs);
                } finally {
                    st.inJvp = false;
                }
                if (dys.length != ys.length) {
                    throw new IllegalStateException(name() + ".jvp: returned " + dys.length + " tangents for "
                            + ys.length + " outputs");
                }
                for (int i = 0; i < ys.length; i++) {
                    ys[i].tangent = checkTangent(dys[i], ys[i]);
                }
            }
        }
        return ys;
    }

    /** The name shown in graphs: the simple class name (override for anonymous classes). */
    public String name() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? "Function" : n;
    }

    @Override
    public String toString() {
        return name();
    }

    /** The inputs, as linked in grad mode (empty when the function was applied in no-grad mode). */
    public final List<Variable> inputs() {
        int n = inputCount();
        List<Variable> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(inputAt(i));
        }
        return Collections.unmodifiableList(l);
    }

    /** Input {@code i}, for use in {@link #backward} (not available in no-grad mode). */
    protected final Variable input(int i) {
        return inputAt(i);
    }

    /**
     * True when input {@code i} needs a gradient: false for a constant ({@link Variable#constant}).
     * For use in {@link #backward}, which should not compute the gradient of an input that needs none
     * and may return {@code null} for it (the engine ignores any gradient given for a constant).
     */
    protected final boolean needsGrad(int i) {
        return !inputAt(i).constant;
    }

    /** Output {@code i}, for use in {@link #backward}; {@code null} if it has been garbage-collected. */
    protected final Variable output(int i) {
        return outputs == null ? null : outputs[i].get();
    }

    // ---------------------------------------------------------------- engine hooks (overridden by the bases)

    int inputCount() {
        return inputs == null ? 0 : inputs.length;
    }

    Variable inputAt(int i) {
        return inputs[i];
    }

    /**
     * The outputs this function refers to: for a function extending this class directly, those still
     * alive. A {@link UnaryFunction} or {@link BinaryFunction} does not refer to its output (the output
     * refers to it through {@link Variable#creator()}), so this is empty for them.
     */
    public List<Variable> outputs() {
        List<Variable> l = new ArrayList<>();
        if (outputs != null) {
            for (WeakReference<Variable> r : outputs) {
                Variable y = r.get();
                if (y != null) {
                    l.add(y);
                }
            }
        }
        return Collections.unmodifiableList(l);
    }


    /**
     * One step of backpropagation, reached through the output {@code y} (one of the outputs): reads the
     * output gradients, calls backward, passes the input gradients on.
     */
    void backwardStep(Backprop bp, Variable y) {
        int n = outputs.length;
        Variable[] gys = new Variable[n];
        for (int i = 0; i < n; i++) {
            Variable out = outputs[i].get();
            Variable g = out == null ? null : out.grad;
            gys[i] = g != null ? g : new Variable(NdArray.zeros(outDtypes[i], outShapes[i].dims()));
        }
        Variable[] gxs = backward(gys);
        if (gxs == null || gxs.length != inputs.length) {
            throw new IllegalStateException(name() + ".backward: returned " + (gxs == null ? "null" : gxs.length
                    + " gradients") + " for " + inputs.length + " inputs");
        }
        if (!bp.retainGrad) {
            for (WeakReference<Variable> r : outputs) {
                Variable out = r.get();
                if (out != null) {
                    out.grad = null;
                }
            }
        }
        for (int i = 0; i < gxs.length; i++) {
            bp.accumulate(this, inputs[i], gxs[i]);
        }
    }

    // ---------------------------------------------------------------- helpers for subclasses and the bases

    final IllegalStateException alreadyApplied() {
        return new IllegalStateException(name() + ": a Function instance can be applied only once; create a new one");
    }

    final NdArray dataOf(Variable x) {
        NdArray d = x.data;
        if (d == null) {
            throw new IllegalArgumentException(name() + ": input variable" + (x.name == null ? "" : " '" + x.name
                    + "'") + " holds no data");
        }
        return d;
    }

    final Variable checkTangent(Variable dy, Variable y) {
        if (dy != null && !dy.data.shape().equals(y.data.shape())) {
            throw new IllegalStateException(name() + ".jvp: tangent of shape " + dy.data.shape()
                    + " for an output of shape " + y.data.shape());
        }
        return dy;
    }

    /** {@code t} broadcast to {@code s} (itself when it has that shape already). */
    static Variable broadcastTangent(Variable t, Shape s) {
        return t.data.shape().equals(s) ? t : t.broadcastTo(s);
    }

    /** The sum of two tangents of which either may be {@code null} (zero), with the shape {@code s}. */
    static Variable addTangents(Variable a, Variable b, Shape s) {
        if (a == null) {
            return b == null ? null : broadcastTangent(b, s);
        }
        if (b == null) {
            return broadcastTangent(a, s);
        }
        return broadcastTangent(a.add(b), s);
    }
}
