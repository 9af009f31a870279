/**
 * The autodiff core: {@link dezero.Variable} (a node holding an array, its gradient and its
 * creator), {@link dezero.Function} (a differentiable operation; extend {@link dezero.UnaryFunction}
 * or {@link dezero.BinaryFunction} for the common arities), the backward engine
 * ({@link dezero.Variable#backward}), the thread-local switches of {@link dezero.Config}, and the
 * functional transforms of {@link dezero.Autodiff} (jvp, vjp, grad, jacobian, hessian, hvp).
 *
 * <pre>{@code
 * Variable x = new Variable(NdArray.of(2.0));
 * Variable y = x.pow(4).sub(x.pow(2).mul(2));   // the graph is recorded as the code runs
 * y.backward(Backward.CREATE_GRAPH);            // dy/dx = 24, itself differentiable
 * Variable gx = x.grad();
 * x.clearGrad();
 * gx.backward();                                // d2y/dx2 = 44
 * }</pre>
 *
 * <p>Forward computations run on {@link dezero.ndarray.NdArray}s; gradients are variables, so they
 * can be differentiated again. The graph is iterative to backpropagate (no recursion), is ordered by
 * generation, and holds no reference cycles.
 */
package dezero;
