package dezero.optimizers;

import dezero.Parameter;
import dezero.Variable;
import java.util.List;

/**
 * A hook scaling all gradients together so that their global L2 norm is at most {@code maxNorm}:
 * with {@code norm = sqrt(sum of all grad^2)}, every gradient is multiplied by
 * {@code maxNorm / (norm + 1e-6)} when that is below 1 (DeZero's {@code ClipGrad}).
 */
public final class ClipGrad implements Optimizer.Hook {
    private final double maxNorm;

    public ClipGrad(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("ClipGrad: maxNorm must be positive, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    @Override
    public void apply(List<Parameter> params) {
        double total = 0;
        for (Parameter p : params) {
            Variable g = p.grad();
            if (g != null) {
                total += g.data().square().sum().item();
            }
        }
        double rate = maxNorm / (Math.sqrt(total) + 1e-6);
        if (rate < 1) {
            for (Parameter p : params) {
                Variable g = p.grad();
                if (g != null) {
                    p.setGrad(new Variable(g.data().mul(rate)));
                }
            }
        }
    }
}
