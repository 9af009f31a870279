package dezero.functions;

import static dezero.testutil.DiffChecks.as;
import static dezero.testutil.DiffChecks.assertClose;
import static dezero.testutil.DiffChecks.checkAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.testutil.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearTest {
    @Test
    void linear() {
        Map<String, NdArray> c = Fixtures.load("linear");
        Variable x = new Variable(c.get("x"));
        Variable w = new Variable(c.get("w"));
        Variable b = new Variable(c.get("b"));
        assertClose(c.get("y"), F.linear(x, w, b).data(), "linear");
        assertClose(c.get("ynob"), F.linear(x, w, null).data(), "linear without bias");
        checkAll(v -> F.linear(v, as(w, v), as(b, v)), c.get("x"), 401);
        checkAll(v -> F.linear(as(x, v), v, as(b, v)), c.get("w"), 402);
        checkAll(v -> F.linear(as(x, v), as(w, v), v), c.get("b"), 403);
        checkAll(v -> F.linear(as(x, v), v, null), c.get("w"), 404);
        checkAll(v -> F.linear(v, v.transpose(), null), c.get("x"), 405);
    }

    @Test
    void linearWantsMatrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.linear(new Variable(NdArray.zeros(3)), new Variable(NdArray.zeros(3, 2)), null));
        assertEquals("linear: x and W must be 2-d, got shapes (3,) and (3, 2)", e.getMessage());
    }

    @Test
    void matmulIsTheCoreOperation() {
        Map<String, NdArray> c = Fixtures.load("linear");
        Variable x = new Variable(c.get("x"));
        Variable w = new Variable(c.get("w"));
        assertClose(c.get("ynob"), F.matmul(x, w).data(), "matmul");
    }
}
