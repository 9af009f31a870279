package dezero.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Autodiff;
import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.testutil.Fixtures;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * relu, leakyRelu, clip, max and min are not differentiable at their kinks (relu and leakyRelu at 0,
 * clip at its bounds, max and min at ties). There they use DeZero's one-sided choices: relu passes
 * no gradient at 0, leakyRelu the slope, clip passes it at both bounds, max and min give it to every
 * tied position; forward mode uses the same Jacobian as reverse mode. Their second derivatives are 0
 * away from the kinks (and undefined at them), so the numerical checks of {@link FDerivativesTest}
 * and of the family tests run at points this class checks to lie well away from every kink.
 */
class KinksTest {
    /** Central differences step ({@code GradientCheck.EPS}) and a safety factor. */
    private static final double MARGIN = 10 * dezero.utils.GradientCheck.EPS;

    private static NdArray grad(UnaryOperator<Variable> f, NdArray x) {
        return Autodiff.grad(v -> f.apply(v).sum(), new Variable(x)).data();
    }

    private static NdArray tangent(UnaryOperator<Variable> f, NdArray x, NdArray v) {
        return Autodiff.jvp(f, new Variable(x), new Variable(v)).tangent().data();
    }

    private static NdArray hvp(UnaryOperator<Variable> f, NdArray x) {
        return Autodiff.hvp(v -> f.apply(v).sum(), new Variable(x), new Variable(NdArray.onesLike(x))).data();
    }

    @Test
    void reluAtZero() {
        NdArray x = NdArray.of(new double[] {-1, 0, 2});
        assertEquals(NdArray.of(new double[] {0, 0, 2}), F.relu(new Variable(x)).data());
        assertEquals(NdArray.of(new double[] {0, 0, 1}), grad(F::relu, x), "no gradient at 0 (mask x > 0)");
        assertEquals(NdArray.of(new double[] {0, 0, 5}), tangent(F::relu, x, NdArray.of(new double[] {3, 4, 5})));
        assertEquals(NdArray.zeros(3), hvp(F::relu, x), "the second derivative is 0");
    }

    @Test
    void leakyReluAtZero() {
        NdArray x = NdArray.of(new double[] {-1, 0, 2});
        assertEquals(NdArray.of(new double[] {-0.2, 0, 2}), F.leakyRelu(new Variable(x)).data());
        assertEquals(NdArray.of(new double[] {0.2, 0.2, 1}), grad(F::leakyRelu, x), "the slope at 0");
        assertEquals(NdArray.of(new double[] {3 * 0.2, 4 * 0.2, 5}),
                tangent(F::leakyRelu, x, NdArray.of(new double[] {3, 4, 5})));
        assertEquals(NdArray.zeros(3), hvp(F::leakyRelu, x), "the second derivative is 0");
    }

    @Test
    void clipAtItsBounds() {
        NdArray x = NdArray.of(new double[] {-0.6, -0.5, 0, 0.7, 0.8});
        UnaryOperator<Variable> f = v -> F.clip(v, -0.5, 0.7);
        assertEquals(NdArray.of(new double[] {-0.5, -0.5, 0, 0.7, 0.7}), f.apply(new Variable(x)).data());
        assertEquals(NdArray.of(new double[] {0, 1, 1, 1, 0}), grad(f, x), "the gradient passes at both bounds");
        assertEquals(NdArray.of(new double[] {0, 2, 3, 4, 0}), tangent(f, x, NdArray.of(new double[] {1, 2, 3, 4, 5})));
        assertEquals(NdArray.zeros(5), hvp(f, x), "the second derivative is 0");
    }

    @Test
    void maxAndMinAtTies() {
        NdArray x = NdArray.of(new double[][] {{1, 3, 3}, {-2, 0, -2}});
        UnaryOperator<Variable> max = v -> F.max(v, new int[] {1}, false);
        UnaryOperator<Variable> min = v -> F.min(v, new int[] {1}, false);
        assertEquals(NdArray.of(new double[] {3, 0}), max.apply(new Variable(x)).data());
        assertEquals(NdArray.of(new double[] {1, -2}), min.apply(new Variable(x)).data());
        assertEquals(NdArray.of(new double[][] {{0, 1, 1}, {0, 1, 0}}), grad(max, x), "every tied maximum");
        assertEquals(NdArray.of(new double[][] {{1, 0, 0}, {1, 0, 1}}), grad(min, x), "every tied minimum");
        NdArray v = NdArray.of(new double[][] {{1, 2, 4}, {8, 16, 32}});
        assertEquals(NdArray.of(new double[] {6, 16}), tangent(max, x, v), "forward mode: the same Jacobian");
        assertEquals(NdArray.of(new double[] {1, 40}), tangent(min, x, v), "forward mode: the same Jacobian");
        assertEquals(NdArray.zeros(2, 3), hvp(max, x), "the second derivative is 0");
    }

    // ---------------------------------------------------------------- the test points lie away from the kinks

    private static double minAbs(NdArray a) {
        return a.abs().min().item();
    }

    @Test
    void checkedPointsOfReluAndLeakyReluAreAwayFromZero() {
        for (String name : new String[] {"relu", "leaky_relu", "sigmoid"}) {
            double d = minAbs(Fixtures.load(name).get("x"));
            assertTrue(d > MARGIN, name + ": a point lies within " + d + " of 0");
        }
    }

    @Test
    void checkedPointsOfClipAreAwayFromItsBounds() {
        NdArray x = Fixtures.load("clip").get("x");
        double d = Math.min(minAbs(x.add(0.5)), minAbs(x.sub(0.7)));
        assertTrue(d > MARGIN, "clip: a point lies within " + d + " of a bound");
    }

    @Test
    void checkedPointsOfMaxAndMinHaveNoNearTies() {
        for (String name : new String[] {"max", "min"}) {
            double[] x = Fixtures.load(name).get("x").toDoubleArray(); // (2, 2, 3): all pairs, so every axis
            for (int i = 0; i < x.length; i++) {
                for (int j = i + 1; j < x.length; j++) {
                    double gap = Math.abs(x[i] - x[j]);
                    assertTrue(gap > MARGIN, name + ": elements " + i + " and " + j + " differ by only " + gap);
                }
            }
        }
    }
}
