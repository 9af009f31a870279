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
