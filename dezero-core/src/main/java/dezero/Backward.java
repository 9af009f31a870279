package dezero;

/** Options of {@link Variable#backward(Backward...)}. */
public enum Backward {
    /**
     * Keep the gradients of intermediate variables. By default only the variables that no function
     * created (leaves, such as inputs and parameters) keep theirs, as in DeZero.
     */
    RETAIN_GRAD,
    /**
     * Record the graph of the gradient computation, so the gradients can be differentiated again
     * (second and higher derivatives). Without it the gradients are computed in no-grad mode.
     */
    CREATE_GRAPH
}
