package dezero.models;

import dezero.layers.Layer;

/**
 * A layer that is a whole network: DeZero's {@code Model}. Extend it, register the layers in the
 * constructor or as field initializers, and write {@link #forward}:
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
 */
public abstract class Model extends Layer {
    protected Model() {
    }
}
