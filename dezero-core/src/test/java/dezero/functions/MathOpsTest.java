package dezero.functions;

import static dezero.testutil.DiffChecks.assertClose;
import static dezero.testutil.DiffChecks.checkAll;

import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.testutil.Fixtures;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MathOpsTest {
    private static void check(String fixture, UnaryOperator<Variable> f, long seed) {
        Map<String, NdArray> c = Fixtures.load(fixture);
        assertClose(c.get("y"), f.apply(new Variable(c.get("x"))).data(), fixture);
        checkAll(f, c.get("x"), seed);
    }

    @Test
    void exp() {
        check("exp", F::exp, 101);
    }

    @Test
    void log() {
        check("log", F::log, 102);
    }

    @Test
    void sin() {
        check("sin", F::sin, 103);
    }

    @Test
    void cos() {
        check("cos", F::cos, 104);
    }

    @Test
    void tanh() {
        check("tanh", F::tanh, 105);
    }

    @Test
    void square() {
        check("square", F::square, 106);
    }

    @Test
    void sqrt() {
        check("sqrt", F::sqrt, 107);
    }
}
