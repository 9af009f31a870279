/**
 * Whole networks (DeZero's {@code dezero.models}): {@link dezero.models.Model} to extend,
 * {@link dezero.models.Sequential} of layers, and {@link dezero.models.MLP}.
 *
 * <pre>{@code
 * MLP model = new MLP(10, 3);                          // DeZero's MLP((10, 3)), sigmoid between layers
 * Optimizer opt = new SGD(1.0).setup(model);
 * Variable loss = F.softmaxCrossEntropy(model.apply(x), t);
 * model.clearGrads();
 * loss.backward();
 * opt.update();
 * model.saveWeights(Path.of("mlp.npz"));               // keys l0/W, l0/b, l1/W, l1/b
 * }</pre>
 */
package dezero.models;
