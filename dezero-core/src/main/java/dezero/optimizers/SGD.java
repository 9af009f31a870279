package dezero.optimizers;

import dezero.Parameter;
import dezero.layers.Layer;
import dezero.ndarray.NdArray;

/** Stochastic gradient descent {@code p -= lr * grad} (no state): DeZero's {@code SGD}. */
public final class SGD extends Optimizer {
    private double lr;

    /** {@code lr = 0.01}. */
    public SGD() {
        this(0.01);
    }

    public SGD(double lr) {
        this.lr = lr;
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        this.lr = lr;
    }

    @Override
    protected NdArray updateOne(Parameter p, NdArray data, NdArray grad) {
        return data.addScaled(grad, -lr); // data - lr * grad, in one pass
    }

    /** Sets the layer to optimize; returns this {@code SGD}. */
    @Override
    public SGD setup(Layer target) {
        super.setup(target);
        return this;
    }
}
