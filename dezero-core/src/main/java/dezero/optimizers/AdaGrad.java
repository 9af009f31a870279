package dezero.optimizers;

import dezero.Parameter;
import dezero.layers.Layer;
import dezero.ndarray.NdArray;

/** AdaGrad, as DeZero: {@code h += grad^2}, {@code p -= lr grad / (sqrt(h) + eps)}. State: slot {@code h}. */
public final class AdaGrad extends Optimizer {
    private double lr;
    private final double eps;

    /** {@code lr = 0.001, eps = 1e-8}. */
    public AdaGrad() {
        this(0.001, 1e-8);
    }

    public AdaGrad(double lr) {
        this(lr, 1e-8);
    }

    public AdaGrad(double lr, double eps) {
        super("h");
        this.lr = lr;
        this.eps = eps;
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        this.lr = lr;
    }

    @Override
    protected NdArray updateOne(Parameter p, NdArray data, NdArray grad) {
        NdArray h = state("h", p).add(grad.mul(grad));
        setState("h", p, h);
        return data.sub(grad.mul(lr).div(h.sqrt().add(eps)));
    }

    /** Sets the layer to optimize; returns this {@code AdaGrad}. */
    @Override
    public AdaGrad setup(Layer target) {
        super.setup(target);
        return this;
    }
}
