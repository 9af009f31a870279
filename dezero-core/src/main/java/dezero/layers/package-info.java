/**
 * Layers: the parts of a network that own parameters (DeZero's {@code dezero.layers}).
 *
 * <ul>
 *   <li>{@link dezero.layers.Layer}: parameters and sub-layers registered by name in order,
 *       {@code params()}, {@code clearGrads()}, {@code saveWeights}/{@code loadWeights} to
 *       {@code .npz} with DeZero's keys ({@code l0/W}, {@code l0/b}, ...).</li>
 *   <li>{@link dezero.layers.Linear}, {@link dezero.layers.Conv2d} (lazy input sizes, DeZero's
 *       initialization, float32 by default), {@link dezero.layers.RNN}, {@link dezero.layers.LSTM},
 *       {@link dezero.layers.BatchNorm}, {@link dezero.layers.EmbedID}.</li>
 * </ul>
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
package dezero.layers;
