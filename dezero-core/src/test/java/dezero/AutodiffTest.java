package dezero;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import dezero.testutil.DiffChecks;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Functional transforms: jvp, vjp, grad, jacobian, hessian, hvp. */
class AutodiffTest {
    /** f(x) = sum(x^3) + x0 x1 on a vector of 3: gradient 3x^2 + (x1, x0, 0), Hessian diag(6x) + offdiag. */
    private static final UnaryOperator<Variable> CUBIC = x -> {
        Variable s = x.mul(x).mul(x).sum();
        Variable x0 = x.get(dezero.ndarray.Index.at(0));
        Variable x1 = x.get(dezero.ndarray.Index.at(1));
        return s.add(x0.mul(x1));
    };

    private static Variable vec(double... v) {
        return new Variable(NdArray.of(v));
    }

    @Test
    void jvpOfScalarFunction() {
        Variable x = new Variable(NdArray.of(0.5));
        Autodiff.Jvp r = Autodiff.jvp(x1 -> x1.mul(x1).mul(3.0), x, new Variable(NdArray.of(2.0)));
        assertEquals(0.75, r.value().data().item());
        assertEquals(6.0, r.tangent().data().item()); // 6 x v
        assertNull(x.grad(), "jvp does not touch grad");
    }

    @Test
    void jvpOfAConstantFunctionIsZero() {
        Variable c = vec(1, 2);
        Autodiff.Jvp r = Autodiff.jvp(x -> c.mul(2.0), vec(3, 4), vec(1, 1));
        assertEquals(NdArray.zeros(2), r.tangent().data());
    }

    @Test
    void jvpOfTheIdentity() {
        Variable x = vec(3, 4);
        Variable v = vec(1, 2);
        Autodiff.Jvp r = Autodiff.jvp(z -> z, x, v);
        assertSame(x, r.value());
        assertSame(v, r.tangent());
    }

    @Test
    void jvpRejectsAMismatchedTangent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.jvp(z -> z, vec(1, 2), vec(1, 2, 3)));
        assertEquals("jvp: tangent of shape (3,) for an input of shape (2,)", e.getMessage());
    }

    @Test
    void gradAndVjpLeaveGradsAlone() {
        Variable x = vec(1, 2, 3);
        Variable w = vec(5, 6, 7);
        x.setGrad(vec(100, 100, 100));
        Variable g = Autodiff.grad(z -> z.mul(w).sum(), x);
        assertEquals(NdArray.of(new double[] {5, 6, 7}), g.data());
        assertEquals(NdArray.of(new double[] {100, 100, 100}), x.grad().data());
        assertNull(w.grad(), "captured variables get no gradient");
        Autodiff.Vjp p = Autodiff.vjp(z -> z.mul(w), x);
        assertEquals(NdArray.of(new double[] {5, 12, 21}), p.pullback(vec(1, 2, 3)).data());
        assertNull(w.grad());
    }

    @Test
    void gradOfYWithRespectToSeveralVariables() {
        Variable a = vec(1, 2);
        Variable b = vec(3, 4);
        Variable unused = vec(9);
        Variable y = a.mul(b).sum();
        Variable[] g = Autodiff.grad(y, a, b, unused);
        assertEquals(NdArray.of(new double[] {3, 4}), g[0].data());
        assertEquals(NdArray.of(new double[] {1, 2}), g[1].data());
        assertEquals(NdArray.zeros(1), g[2].data());
        assertNull(a.grad());
    }

    @Test
    void gradStopsAtIntermediateVariables() {
        Variable x = vec(1, 2);
        Variable h = x.mul(3.0);
        Variable y = h.mul(h).sum();
        Variable[] g = Autodiff.grad(y, h);
        assertEquals(NdArray.of(new double[] {6, 12}), g[0].data());
        assertNull(x.grad());
    }

    @Test
    void gradRequiresOneElement() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.grad(z -> z.mul(2.0), vec(1, 2)));
        assertEquals("grad: f must return a single element, got shape (2,)", e.getMessage());
    }

    @Test
    void nestedGradGivesHigherDerivatives() {
        // d^3/dx^3 x^5 = 60 x^2
        UnaryOperator<Variable> f = x -> x.pow(5);
        UnaryOperator<Variable> d1 = x -> Autodiff.grad(f, x);
        UnaryOperator<Variable> d2 = x -> Autodiff.grad(d1, x);
        Variable d3 = Autodiff.grad(d2, new Variable(NdArray.of(2.0)));
        assertEquals(240.0, d3.data().item(), 1e-12);
    }

    @Test
    void jacobianOfAVectorFunction() {
        Variable w = new Variable(NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Variable j = Autodiff.jacobian(x -> w.matmul(x.mul(x)), vec(1, 2, 3));
        assertEquals(Shape.of(2, 3), j.shape());
        assertEquals(NdArray.of(new double[][] {{2, 8, 18}, {8, 20, 36}}), j.data());
    }

    /** {@code y = z tanh(z)}, counting the calls of backward and jvp (to see which mode ran). */
    static final class CountingZTanhZ extends UnaryFunction {
        final int[] calls;  // {backward, jvp}

        CountingZTanhZ(int[] calls) {
            this.calls = calls;
        }

        @Override
        protected NdArray forward(NdArray z) {
            return z.mul(z.tanh());
        }

        /** d/dz z tanh z = tanh z + z (1 - tanh^2 z), as a Variable expression. */
        private static Variable derivative(Variable z) {
            Variable t = dezero.functions.F.tanh(z);
            return t.add(z.mul(t.mul(t).rsub(1.0)));
        }

        @Override
        protected Variable backward(Variable gy) {
            calls[0]++;
            return gy.mul(derivative(input()));
        }

        @Override
        protected Variable jvp(Variable z, Variable y, Variable dz) {
            calls[1]++;
            return dz.mul(derivative(z));
        }
    }

    /** {@code y = z tanh(z)} with a backward and no jvp rule. */
    static final class NoJvpZTanhZ extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray z) {
            return z.mul(z.tanh());
        }

        @Override
        protected Variable backward(Variable gy) {
            return gy.mul(CountingZTanhZ.derivative(input()));
        }
    }

    /** The Jacobian of {@code x -> a x tanh(a x)} by hand: {@code J[i][j] = (tanh z_i + z_i (1 - tanh^2 z_i)) a[i][j]}. */
    private static NdArray byHand(double[][] a, double[] x) {
        double[][] j = new double[a.length][x.length];
        for (int i = 0; i < a.length; i++) {
            double z = 0;
            for (int k = 0; k < x.length; k++) {
                z += a[i][k] * x[k];
            }
            double t = Math.tanh(z);
            double d = t + z * (1 - t * t);
            for (int k = 0; k < x.length; k++) {
                j[i][k] = d * a[i][k];
            }
        }
        return NdArray.of(j);
    }

    private static double[][] matrix(Random rnd, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) {
            for (int k = 0; k < cols; k++) {
                r[k] = rnd.nextGaussian() * 0.5;
            }
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void jacobianIsChosenByShapeAndBothModesAgreeWithTheHandComputedOne(int nx) {
        int ny = 8 - nx;                                  // (3,) -> (5,) and (5,) -> (3,)
        Random rnd = new Random(nx);
        double[][] a = matrix(rnd, ny, nx);
        double[] xv = new double[nx];
        for (int k = 0; k < nx; k++) {
            xv[k] = rnd.nextGaussian();
        }
        Variable am = new Variable(NdArray.of(a));
        int[] calls = new int[2];
        UnaryOperator<Variable> f = x -> new CountingZTanhZ(calls).apply(am.matmul(x));
        Variable x = vec(xv);
        NdArray expected = byHand(a, xv);

        Variable j = Autodiff.jacobian(f, x);
        assertEquals(Shape.of(ny, nx), j.shape());
        assertClose(expected, j.data(), 1e-14, 1e-14, "jacobian");
        if (nx < ny) {
            assertEquals(0, calls[0], "forward mode: no backward");
            assertEquals(nx, calls[1], "forward mode: one jvp per input element");
        } else {
            assertEquals(ny, calls[0], "reverse mode: one backward per output element");
            assertEquals(0, calls[1], "reverse mode: no jvp");
        }
        assertNull(x.grad(), "no gradient is left on x");

        // both modes, whatever the shape, give the same Jacobian
        calls[0] = 0;
        calls[1] = 0;
        NdArray fwd = Autodiff.jacobianForward(f, x).data();
        assertEquals(0, calls[0]);
        assertEquals(nx, calls[1]);
        NdArray rev = Autodiff.jacobianReverse(f, x).data();
        assertEquals(ny, calls[0]);
        assertEquals(nx, calls[1]);
        assertClose(expected, fwd, 1e-14, 1e-14, "forward-mode jacobian");
        assertClose(expected, rev, 1e-14, 1e-14, "reverse-mode jacobian");
        assertClose(fwd, rev, 1e-15, 1e-15, "forward vs reverse");
    }

    @Test
    void jacobianFallsBackToReverseModeWithoutAJvpRule() {
        double[][] a = matrix(new Random(9), 5, 3);
        double[] xv = {0.3, -0.7, 1.1};
        Variable am = new Variable(NdArray.of(a));
        UnaryOperator<Variable> f = x -> new NoJvpZTanhZ().apply(am.matmul(x));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Autodiff.jacobianForward(f, vec(xv)));
        assertEquals("NoJvpZTanhZ: forward mode (jvp) is not implemented", e.getMessage());
        assertClose(byHand(a, xv), Autodiff.jacobian(f, vec(xv)).data(), 1e-14, 1e-14, "jacobian");
    }

    @Test
    void forwardModeJacobianKeepsFloat32AndShapes() {
        // (2,) -> (2, 3): forward mode, result of shape (2, 3, 2)
        Variable x = new Variable(NdArray.of(new float[] {1, 2}));
        Variable ones = new Variable(NdArray.ones(1, 3).astype(DType.FLOAT32));
        Variable j = Autodiff.jacobian(z -> z.mul(z).reshape(2, 1).mul(ones), x);
        assertEquals(DType.FLOAT32, j.dtype());
        assertEquals(Shape.of(2, 3, 2), j.shape());
        // d(x_i^2)/dx_k = 2 x_i [i == k], the same for every column
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 2; k++) {
                    assertEquals(i == k ? 2.0 * (i + 1) : 0.0, j.data().get(i, c, k));
                }
            }
        }
    }

    @Test
    void hessianAndHvpOfACubic() {
        Variable x = vec(1, 2, 3);
        Variable h = Autodiff.hessian(CUBIC, x);
        NdArray expected = NdArray.of(new double[][] {{6, 1, 0}, {1, 12, 0}, {0, 0, 18}});
        assertEquals(expected, h.data());
        Variable v = vec(1, -1, 2);
        assertEquals(NdArray.of(new double[] {5, -11, 36}), Autodiff.hvp(CUBIC, x, v).data());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void hvpMatchesHessianTimesVector(long seed) {
        Random rnd = new Random(seed);
        NdArray a = DiffChecks.randn(rnd, 4, 4);
        Variable am = new Variable(a);
        UnaryOperator<Variable> f = x -> x.matmul(am).mul(x).sum().add(x.pow(4).sum());
        Variable x = new Variable(DiffChecks.randn(rnd, 4));
        Variable v = new Variable(DiffChecks.randn(rnd, 4));
        NdArray hv = Autodiff.hessian(f, x).data().matmul(v.data());
        assertClose(hv, Autodiff.hvp(f, x, v).data(), 1e-12, 1e-12, "hvp");
    }

    @Test
    void reverseOverForward() {
        // grad of sum(J(x) v) with respect to x, where f = x^3: J v = 3 x^2 v, so the gradient is 6 x v
        Variable v = vec(1, 2);
        UnaryOperator<Variable> jv = x -> Autodiff.jvp(z -> z.mul(z).mul(z), x, v).tangent().sum();
        Variable g = Autodiff.grad(jv, vec(1, 3));
        assertEquals(NdArray.of(new double[] {6, 36}), g.data()); // d/dx 3x^2 v = 6 x v
    }

    @Test
    void jacobianKeepsFloat32() {
        Variable x = new Variable(NdArray.of(new float[] {1, 2}));
        Variable j = Autodiff.jacobian(z -> z.mul(z), x);
        assertEquals(DType.FLOAT32, j.dtype());
        assertEquals(NdArray.of(new float[][] {{2, 0}, {0, 4}}), j.data());
    }

    @Test
    void nestedJvpOverTheSameVariableIsRejected() {
        Variable x = vec(1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autodiff.jvp(z -> Autodiff.jvp(w -> w, z, vec(1)).value(), x, vec(1)));
        assertEquals(true, e.getMessage().startsWith("jvp:"));
    }

    @Test
    void jvpInSeveralInputs() {
        Variable a = vec(1, 2);
        Variable b = vec(3, 5);
        Autodiff.Jvp r = Autodiff.jvp(() -> a.mul(b).add(a), new Variable[] {a, b}, new Variable[] {vec(1, 0),
            vec(0, 1)});
        assertEquals(NdArray.of(new double[] {4, 12}), r.value().data());
        assertEquals(NdArray.of(new double[] {4, 2}), r.tangent().data()); // (b + 1) da + a db
        assertNull(a.tangent);
        assertNull(b.tangent);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.jvp(() -> a, new Variable[] {a, a}, new Variable[] {vec(1, 1), vec(1, 1)}));
        assertEquals("jvp: input 1 is given twice", e.getMessage());
        assertNull(a.tangent, "tangents are removed after a failure");
    }
}
