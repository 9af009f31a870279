package dezero.optimizers;

import dezero.layers.Layer;
import dezero.ndarray.NdArray;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): each step first shrinks the parameter,
 * {@code p *= 1 - alpha weightDecay}, then takes the {@link Adam} step. State as Adam's.
 */
public final class AdamW extends Adam {
    private final double weightDecay;

    /** {@code alpha = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.01}. */
    public AdamW() {
        this(0.001, 0.01);
    }

    public AdamW(double alpha, double weightDecay) {
        this(alpha, 0.9, 0.999, 1e-8, weightDecay);
    }

    public AdamW(double alpha, double beta1, double beta2, double eps, double weightDecay) {
        super(alpha, beta1, beta2, eps);
        this.weightDecay = weightDecay;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    NdArray step(NdArray data, NdArray delta) {
        return data.mul(1 - alpha() * weightDecay).sub(delta);
    }

    /** Sets the layer to optimize; returns this {@code AdamW}. */
    @Override
    public AdamW setup(Layer target) {
        super.setup(target);
        return this;
    }
}
