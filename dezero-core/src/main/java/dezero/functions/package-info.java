/**
 * Every differentiable function, through the static facade {@link dezero.functions.F}: elementwise
 * math, tensor operations, reductions, activations, losses, linear, batch normalization, dropout.
 * Each has a backward made of differentiable operations (any derivative order) and a forward-mode
 * (jvp) rule; composites (e.g. {@code binaryCrossEntropy}, {@code batchNorm}) are written with the others.
 */
package dezero.functions;
