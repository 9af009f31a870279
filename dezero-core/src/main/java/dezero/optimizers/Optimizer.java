package dezero.optimizers;

import dezero.Parameter;
import dezero.Variable;
import dezero.layers.Layer;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Updates the parameters of a layer from their gradients: DeZero's {@code Optimizer}.
 *
 * <pre>{@code
 * Optimizer opt = new SGD(0.1).setup(model);
 * for (...) {
 *     Variable loss = F.softmaxCrossEntropy(model.apply(x), t);
 *     model.clearGrads();
 *     loss.backward();
 *     opt.update();
 * }
 * }</pre>
 *
 * <p>{@link #update()} takes the parameters of the target that have a gradient, passes them to the
 * hooks in the order they were added ({@link WeightDecay}, {@link ClipGrad}, {@link FreezeParam},
 * or any {@link Hook}), then updates each parameter that still has a gradient. A parameter keeps its
 * dtype (a gradient of another dtype is converted first).
 *
 * <p><b>State.</b> An optimizer with per-parameter state (momentum, moment estimates) keeps one
 * array per parameter and slot, created as zeros at the parameter's first update. {@link #saveState}
 * writes it to an {@code .npz} archive keyed {@code <slot>/<parameter key>} ({@code m/l0/W}, the
 * parameter keys of {@link Layer#namedParams()}), plus the optimizer's counters (Adam's {@code t})
 * as 0-d int64 arrays; {@link #loadState} restores it into an optimizer of the same kind set up on
 * a layer of the same structure, so that training resumes exactly where it stopped. The
 * hyperparameters (learning rate, ...) are not part of the state: construct the optimizer with the
 * same ones.
 */
public abstract class Optimizer {
    /** Something done to the parameters (those with a gradient) before each update, e.g. to their gradients. */
    @FunctionalInterface
    public interface Hook {
        void apply(List<Parameter> params);
    }

    private Layer target;
    private final List<Hook> hooks = new ArrayList<>();
    /** Per-parameter state: slot name to (parameter to array). */
    private final Map<String, Map<Parameter, NdArray>> slots = new LinkedHashMap<>();

    protected Optimizer(String... slotNames) {
        for (String s : slotNames) {
            slots.put(s, new IdentityHashMap<>());
        }
    }

    /** Sets the layer whose parameters this optimizer updates; returns this optimizer. */
    public Optimizer setup(Layer target) {
        this.target = Objects.requireNonNull(target, "target");
        return this;
    }

    /** The layer set up, or {@code null}. */
    public final Layer target() {
        return target;
    }

    /** Adds a hook run before every update; returns this optimizer. */
    public final Optimizer addHook(Hook hook) {
        hooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** One update of every parameter of the target that has a gradient. */
    public void update() {
        if (target == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ".update: call setup(target) first");
        }
        List<Parameter> ps = new ArrayList<>();
        for (Parameter p : target.params()) {
            if (p.grad() != null) {
                ps.add(p);
            }
        }
        for (Hook h : hooks) {
            h.apply(ps);
        }
        for (Parameter p : ps) {
            Variable g = p.grad();
            if (g != null && p.data() != null) {
                NdArray gd = g.data();
                NdArray pd = p.data();
                if (gd.dtype() != pd.dtype()) {
                    gd = gd.astype(pd.dtype());
                }
                if (!gd.shape().equals(pd.shape())) {
                    throw new IllegalStateException(getClass().getSimpleName() + ".update: gradient of shape "
                            + gd.shape() + " for a parameter of shape " + pd.shape());
                }
                NdArray next = updateOne(p, pd, gd);
                p.setData(next.dtype() == pd.dtype() ? next : next.astype(pd.dtype()));
            }
        }
    }

    /**
     * The new data of {@code p} given its data and gradient (same shape and dtype); state is read
     * and written with {@link #state} and {@link #setState}.
     */
    protected abstract NdArray updateOne(Parameter p, NdArray data, NdArray grad);

    // ---------------------------------------------------------------- state

    /** The state array of {@code p} in {@code slot}: zeros of the parameter's shape and dtype at first. */
    protected final NdArray state(String slot, Parameter p) {
        Map<Parameter, NdArray> m = slotMap(slot);
        NdArray s = m.get(p);
        if (s == null) {
            s = NdArray.zerosLike(p.data());
            m.put(p, s);
        }
        return s;
    }

    protected final void setState(String slot, Parameter p, NdArray value) {
        slotMap(slot).put(p, value);
    }

    private Map<Parameter, NdArray> slotMap(String slot) {
        Map<Parameter, NdArray> m = slots.get(slot);
        if (m == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no state slot '" + slot + "'");
        }
        return m;
    }

    /** The names of the counters kept in the state (Adam's {@code t}); none by default. */
    protected List<String> counterNames() {
        return List.of();
    }

    /** The value of a counter of {@link #counterNames()}. */
    protected long counter(String name) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": no counter '" + name + "'");
    }

    /** Sets a counter of {@link #counterNames()}. */
    protected void setCounter(String name, long value) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": no counter '" + name + "'");
    }

    /**
     * The state as arrays: the counters (0-d int64) first, then {@code <slot>/<parameter key>} for each
     * slot and each parameter that has state, in the target's parameter order.
     */
    public final Map<String, NdArray> stateDict() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (String c : counterNames()) {
            out.put(c, NdArray.of(counter(c)));
        }
        if (target == null) {
            return out;
        }
        Map<String, Parameter> named = target.namedParams();
        for (Map.Entry<String, Map<Parameter, NdArray>> s : slots.entrySet()) {
            Map<Parameter, Boolean> done = new IdentityHashMap<>();
            for (Map.Entry<String, Parameter> e : named.entrySet()) {
                NdArray a = s.getValue().get(e.getValue());
                if (a != null && done.put(e.getValue(), Boolean.TRUE) == null) {
                    out.put(s.getKey() + "/" + e.getKey(), a);
                }
            }
        }
        return out;
    }

    /** Writes {@link #stateDict()} to an {@code .npz} archive at {@code path}, atomically. */
    public final void saveState(Path path) throws IOException {
        Npy.saveNpz(path, stateDict());
    }

    /** Restores the state written by {@link #saveState}; see {@link #loadState(Map)}. */
    public final void loadState(Path path) throws IOException {
        loadState(Npy.loadNpz(path), "loadState: " + path);
    }

    /**
     * Restores the state from arrays as {@link #stateDict()} gives them. The optimizer must be set up
     * on a layer with the same parameter keys; every key must be known and every array must have the
     * shape and dtype of its parameter, else nothing is changed and an
     * {@link IllegalArgumentException} names the offending keys.
     */
    public final void loadState(Map<String, NdArray> arrays) {
        loadState(arrays, "loadState");
    }

    private void loadState(Map<String, NdArray> arrays, String what) {
        if (target == null) {
            throw new IllegalStateException(what + ": call setup(target) first");
        }
        Map<String, Parameter> named = target.namedParams();
        List<String> problems = new ArrayList<>();
        Map<String, Map<Parameter, NdArray>> fresh = new LinkedHashMap<>();
        for (String s : slots.keySet()) {
            fresh.put(s, new IdentityHashMap<>());
        }
        for (String c : counterNames()) {
            NdArray a = arrays.get(c);
            if (a == null) {
                problems.add("missing counter '" + c + "'");
            } else if (a.ndim() != 0 || a.dtype() != DType.INT64) {
                problems.add("counter '" + c + "' must be a 0-d int64, got shape " + a.shape() + ", " + a.dtype());
            }
        }
        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
            String key = e.getKey();
            if (counterNames().contains(key)) {
                continue;
            }
            int cut = key.indexOf('/');
            String slot = cut < 0 ? key : key.substring(0, cut);
            Parameter p = cut < 0 ? null : named.get(key.substring(cut + 1));
            NdArray a = e.getValue();
            if (!slots.containsKey(slot)) {
                problems.add("unexpected key '" + key + "' (" + getClass().getSimpleName() + " has slots "
                        + slots.keySet() + " and counters " + counterNames() + ")");
            } else if (p == null) {
                problems.add("key '" + key + "' names no parameter of the target");
            } else if (p.data() != null && (!a.shape().equals(p.data().shape()) || a.dtype() != p.data().dtype())) {
                problems.add("key '" + key + "' has shape " + a.shape() + ", " + a.dtype() + " in the file but the "
                        + "parameter has shape " + p.data().shape() + ", " + p.data().dtype());
            } else {
                fresh.get(slot).put(p, a);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(what + ": " + String.join("; ", problems) + " (nothing was loaded)");
        }
        for (String c : counterNames()) {
            setCounter(c, arrays.get(c).toLongArray()[0]);
        }
        for (Map.Entry<String, Map<Parameter, NdArray>> s : fresh.entrySet()) {
            Map<Parameter, NdArray> m = slots.get(s.getKey());
            m.clear();
            m.putAll(s.getValue());
        }
    }
}
