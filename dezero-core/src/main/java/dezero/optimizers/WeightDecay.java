package dezero.optimizers;

import dezero.Parameter;
import dezero.Variable;
import dezero.ndarray.NdArray;
import java.util.List;

/** A hook adding {@code rate * p} to each gradient (L2 regularization): DeZero's {@code WeightDecay}. */
public final class WeightDecay implements Optimizer.Hook {
    private final double rate;

    public WeightDecay(double rate) {
        this.rate = rate;
    }

    @Override
    public void apply(List<Parameter> params) {
        for (Parameter p : params) {
            Variable g = p.grad();
            if (g != null) {
                NdArray gd = g.data();
                NdArray pd = p.data();
                p.setGrad(new Variable(pd.dtype() == gd.dtype() ? gd.addScaled(pd, rate)
                        : gd.add(pd.mul(rate).astype(gd.dtype()))));
            }
        }
    }
}
