package dezero.optimizers;

import dezero.Parameter;
import dezero.layers.Layer;
import dezero.ndarray.NdArray;

/**
 * SGD with momentum, as DeZero: {@code v = momentum v - lr grad}, {@code p += v}. State: slot
 * {@code v}.
 */
public final class MomentumSGD extends Optimizer {
    private double lr;
    private final double momentum;

    /** {@code lr = 0.01, momentum = 0.9}. */
    public MomentumSGD() {
        this(0.01, 0.9);
    }

    public MomentumSGD(double lr) {
        this(lr, 0.9);
    }

    public MomentumSGD(double lr, double momentum) {
        super("v");
        this.lr = lr;
        this.momentum = momentum;
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        this.lr = lr;
    }

    public double momentum() {
        return momentum;
    }

    @Override
    protected NdArray updateOne(Parameter p, NdArray data, NdArray grad) {
        NdArray v = state("v", p).mul(momentum).addScaled(grad, -lr);
        setState("v", p, v);
        return data.add(v);
    }

    /** Sets the layer to optimize; returns this {@code MomentumSGD}. */
    @Override
    public MomentumSGD setup(Layer target) {
        super.setup(target);
        return this;
    }
}
