package dezero.optimizers;

import dezero.Parameter;
import dezero.layers.Layer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A hook that drops the gradients of the given parameters, so they are not updated: DeZero's {@code FreezeParam}. */
public final class FreezeParam implements Optimizer.Hook {
    private final Map<Parameter, Boolean> frozen = new IdentityHashMap<>();

    /** Freezes every parameter of the given layers. */
    public FreezeParam(Layer... layers) {
        for (Layer l : layers) {
            for (Parameter p : l.params()) {
                frozen.put(p, Boolean.TRUE);
            }
        }
    }

    /** Freezes the given parameters. */
    public FreezeParam(Parameter... params) {
        for (Parameter p : params) {
            frozen.put(p, Boolean.TRUE);
        }
    }

    /** The frozen parameters. */
    public List<Parameter> params() {
        return Collections.unmodifiableList(new ArrayList<>(frozen.keySet()));
    }

    @Override
    public void apply(List<Parameter> params) {
        for (Parameter p : params) {
            if (frozen.containsKey(p)) {
                p.clearGrad();
            }
        }
    }
}
