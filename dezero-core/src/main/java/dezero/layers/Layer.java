package dezero.layers;

import dezero.Parameter;
import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.ndarray.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A part of a neural network that owns parameters and sub-layers: DeZero's {@code Layer}.
 *
 * <p>A layer registers each of its parameters and sub-layers explicitly under a name, in the order
 * it wants them saved (DeZero registers attributes implicitly; here the registration is spelled
 * out, so the keys and their order are stable):
 *
 * <pre>{@code
 * final class TwoLayerNet extends Model {
 *     private final Linear l1 = addLayer("l1", new Linear(10));
 *     private final Linear l2 = addLayer("l2", new Linear(3));
 *
 *     protected Variable forward(Variable x) {
 *         return l2.apply(F.sigmoid(l1.apply(x)));
 *     }
 * }
 * }</pre>
 *
 * <p>The weights of a layer are saved as an {@code .npz} archive whose keys are the registration
 * names joined by {@code /} from this layer down ({@code l1/W}, {@code l1/b}, ...), as DeZero's
 * {@code save_weights} names them: a file written by DeZero loads here and the reverse.
 */
public abstract class Layer {
    /** Parameters and sub-layers by name, in registration order. */
    private final Map<String, Object> children = new LinkedHashMap<>();
    /** Counts registrations in every layer: a cached parameter list is valid while it is unchanged. */
    private static final AtomicLong STRUCTURE = new AtomicLong();
    /** {@link #params()} as of a value of {@link #STRUCTURE} (training loops ask for it every step). */
    private volatile ParamsCache paramsCache;

    private static final class ParamsCache {
        final long version;
        final List<Parameter> params;

        ParamsCache(long version, List<Parameter> params) {
            this.version = version;
            this.params = params;
        }
    }

    protected Layer() {
    }

    /** The output of this layer for the input {@code x}. */
    protected abstract Variable forward(Variable x);

    /** Applies the layer to {@code x} (DeZero's {@code layer(x)}). */
    public final Variable apply(Variable x) {
        return forward(Objects.requireNonNull(x, "x"));
    }

    /**
     * Applies the layer to an array, such as a batch of data: it is wrapped in a
     * {@link Variable#constant}, whose gradient is not computed.
     */
    public final Variable apply(NdArray x) {
        return forward(Variable.constant(Objects.requireNonNull(x, "x")));
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers {@code p} under {@code name} and returns it. A {@code null} parameter is not
     * registered (an optional parameter that is absent, such as the bias of {@code nobias}).
     */
    protected final Parameter addParam(String name, Parameter p) {
        checkName(name);
        if (p != null) {
            children.put(name, p);
            STRUCTURE.incrementAndGet();
        }
        return p;
    }

    /** Registers {@code layer} under {@code name} and returns it. */
    protected final <L extends Layer> L addLayer(String name, L layer) {
        checkName(name);
        if (layer == this) {
            throw new IllegalArgumentException("addLayer: a layer cannot contain itself ('" + name + "')");
        }
        children.put(name, Objects.requireNonNull(layer, "layer"));
        STRUCTURE.incrementAndGet();
        return layer;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Layer: a parameter or layer name must be non-empty and contain no '/',"
                    + " got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (children.containsKey(name)) {
            throw new IllegalArgumentException("Layer: the name '" + name + "' is already registered in "
                    + getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- parameters

    /**
     * Every parameter of this layer and its sub-layers, depth first in registration order; a
     * parameter reached twice (a shared layer) is listed once.
     */
    public final List<Parameter> params() {
        long v = STRUCTURE.get();
        ParamsCache cached = paramsCache;
        if (cached != null && cached.version == v) {
            return cached.params;
        }
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : namedParams().values()) {
            if (seen.put(p, Boolean.TRUE) == null) {
                out.add(p);
            }
        }
        List<Parameter> result = Collections.unmodifiableList(out);
        paramsCache = new ParamsCache(v, result);
        return result;
    }

    /**
     * Every parameter by its key ({@code l0/W}: the registration names from this layer down, joined
     * by {@code /}), depth first in registration order. These are the keys of {@link #saveWeights}.
     */
    public final Map<String, Parameter> namedParams() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        flatten(out, "", Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void flatten(Map<String, Parameter> out, String prefix, java.util.Set<Layer> path) {
        if (!path.add(this)) {
            throw new IllegalStateException("Layer: a cycle of layers through '" + prefix + "'");
        }
        for (Map.Entry<String, Object> e : children.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            Object o = e.getValue();
            if (o instanceof Layer) {
                ((Layer) o).flatten(out, key, path);
            } else {
                out.put(key, (Parameter) o);
            }
        }
        path.remove(this);
    }

    /** The directly registered sub-layers by name, in registration order. */
    public final Map<String, Layer> layers() {
        Map<String, Layer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : children.entrySet()) {
            if (e.getValue() instanceof Layer) {
                out.put(e.getKey(), (Layer) e.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Forgets the gradients of every parameter (DeZero's {@code cleargrads}). */
    public final void clearGrads() {
        for (Parameter p : params()) {
            p.clearGrad();
        }
    }

    // ---------------------------------------------------------------- weights

    /**
     * The data of every parameter by key (see {@link #namedParams()}), in order.
     *
     * @throws IllegalStateException if a parameter has no data yet (a lazily sized layer before its
     *     first forward pass)
     */
    public final Map<String, NdArray> weights() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : namedParams().entrySet()) {
            NdArray d = e.getValue().data();
            if (d == null) {
                throw new IllegalStateException("weights: parameter '" + e.getKey() + "' has no data yet (its size is "
                        + "set by the first forward pass, or give the input size to the layer)");
            }
            out.put(e.getKey(), d);
        }
        return out;
    }

    /**
     * Saves the weights as a compressed {@code .npz} archive at {@code path} (used as given: no
     * suffix is added), atomically: the file holds either its old content or the whole new one.
     */
    public final void saveWeights(Path path) throws IOException {
        Npy.saveNpzCompressed(path, weights());
    }

    /**
     * Loads the weights saved by {@link #saveWeights} (or by DeZero's {@code save_weights}). The file
     * must hold exactly this layer's keys with the same shapes and dtypes (a parameter without data
     * yet takes any shape); otherwise nothing is changed and an {@link IllegalArgumentException}
     * names every offending key.
     */
    public final void loadWeights(Path path) throws IOException {
        Map<String, NdArray> arrays = Npy.loadNpz(path);
        loadWeights(arrays, "loadWeights: " + path);
    }

    /** {@link #loadWeights(Path)} from arrays in memory. */
    public final void loadWeights(Map<String, NdArray> arrays) {
        loadWeights(arrays, "loadWeights");
    }

    private void loadWeights(Map<String, NdArray> arrays, String what) {
        Map<String, Parameter> params = namedParams();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NdArray a = arrays.get(e.getKey());
            NdArray d = e.getValue().data();
            if (a == null) {
                problems.add("missing key '" + e.getKey() + "'" + (d == null ? "" : " (parameter of shape "
                        + d.shape() + ", " + d.dtype() + ")"));
            } else if (d != null && (!a.shape().equals(d.shape()) || a.dtype() != d.dtype())) {
                problems.add("key '" + e.getKey() + "' has shape " + a.shape() + ", " + a.dtype()
                        + " in the file but the parameter has shape " + d.shape() + ", " + d.dtype());
            }
        }
        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
            if (!params.containsKey(e.getKey())) {
                problems.add("unexpected key '" + e.getKey() + "' (shape " + e.getValue().shape() + ") that is not a"
                        + " parameter of " + getClass().getSimpleName());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(what + ": " + String.join("; ", problems)
                    + " (nothing was loaded)");
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            e.getValue().setData(arrays.get(e.getKey()));
        }
    }
}
