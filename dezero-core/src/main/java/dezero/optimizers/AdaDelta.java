package dezero.optimizers;

import dezero.Parameter;
import dezero.layers.Layer;
import dezero.ndarray.NdArray;

/**
 * AdaDelta, as DeZero: {@code msg = rho msg + (1 - rho) grad^2},
 * {@code dx = sqrt((msdx + eps) / (msg + eps)) grad}, {@code msdx = rho msdx + (1 - rho) dx^2},
 * {@code p -= dx}. State: slots {@code msg}, {@code msdx}.
 */
public final class AdaDelta extends Optimizer {
    private final double rho;
    private final double eps;

    /** {@code rho = 0.95, eps = 1e-6}. */
    public AdaDelta() {
        this(0.95, 1e-6);
    }

    public AdaDelta(double rho, double eps) {
        super("msg", "msdx");
        this.rho = rho;
        this.eps = eps;
    }

    @Override
    protected NdArray updateOne(Parameter p, NdArray data, NdArray grad) {
        NdArray msg = state("msg", p).mul(rho).add(grad.mul(1 - rho).mul(grad));
        NdArray msdx = state("msdx", p);
        NdArray dx = msdx.add(eps).div(msg.add(eps)).sqrt().mul(grad);
        msdx = msdx.mul(rho).add(dx.mul(1 - rho).mul(dx));
        setState("msg", p, msg);
        setState("msdx", p, msdx);
        return data.sub(dx);
    }

    /** Sets the layer to optimize; returns this {@code AdaDelta}. */
    @Override
    public AdaDelta setup(Layer target) {
        super.setup(target);
        return this;
    }
}
