/**
 * Optimizers (DeZero's {@code dezero.optimizers}): {@link dezero.optimizers.SGD},
 * {@link dezero.optimizers.MomentumSGD}, {@link dezero.optimizers.AdaGrad},
 * {@link dezero.optimizers.AdaDelta}, {@link dezero.optimizers.Adam}, {@link dezero.optimizers.AdamW},
 * and the hooks {@link dezero.optimizers.WeightDecay}, {@link dezero.optimizers.ClipGrad} (global L2
 * norm) and {@link dezero.optimizers.FreezeParam}.
 *
 * <p>An optimizer's state (momentum, moment estimates, Adam's step count) is saved with
 * {@code saveState(path)} and restored with {@code loadState(path)}; together with the model's
 * weights this resumes a training run exactly:
 *
 * <pre>{@code
 * model.saveWeights(dir.resolve("weights.npz"));
 * opt.saveState(dir.resolve("optimizer.npz"));
 * // later, in fresh objects made with the same structure and hyperparameters:
 * model.loadWeights(dir.resolve("weights.npz"));
 * opt.setup(model).loadState(dir.resolve("optimizer.npz"));
 * }</pre>
 */
package dezero.optimizers;
