package dezero.functions;

import static dezero.testutil.DiffChecks.assertClose;
import static dezero.testutil.DiffChecks.checkAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.testutil.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReductionsTest {
    @Test
    void max() {
        Map<String, NdArray> c = Fixtures.load("max");
        Variable x = new Variable(c.get("x"));
        assertClose(c.get("all"), F.max(x).data(), "max");
        assertClose(c.get("ax1"), F.max(x, new int[] {1}, false).data(), "max axis 1");
        assertClose(c.get("ax2k"), F.max(x, new int[] {-1}, true).data(), "max axis -1 keepdims");
        checkAll(F::max, c.get("x"), 301);
        checkAll(v -> F.max(v, new int[] {1}, false), c.get("x"), 302);
        checkAll(v -> F.max(v, new int[] {2}, true), c.get("x"), 303);
    }

    @Test
    void min() {
        Map<String, NdArray> c = Fixtures.load("min");
        Variable x = new Variable(c.get("x"));
        assertClose(c.get("all"), F.min(x).data(), "min");
        assertClose(c.get("ax1"), F.min(x, new int[] {1}, false).data(), "min axis 1");
        checkAll(F::min, c.get("x"), 304);
        checkAll(v -> F.min(v, new int[] {1}, false), c.get("x"), 305);
    }

    @Test
    void maxGradientGoesToEveryTiedPosition() {
        Variable x = new Variable(NdArray.of(new double[] {1, 3, 3, 2}));
        F.max(x).backward();
        assertEquals(NdArray.of(new double[] {0, 1, 1, 0}), x.grad().data());
    }

    @Test
    void clip() {
        Map<String, NdArray> c = Fixtures.load("clip");
        assertClose(c.get("y"), F.clip(new Variable(c.get("x")), -0.5, 0.7).data(), "clip");
        checkAll(v -> F.clip(v, -0.5, 0.7), c.get("x"), 306);
    }

    @Test
    void mean() {
        Map<String, NdArray> c = Fixtures.load("mean");
        Variable x = new Variable(c.get("x"));
        assertClose(c.get("all"), F.mean(x).data(), "mean");
        assertClose(c.get("ax2"), F.mean(x, new int[] {2}, false).data(), "mean axis 2");
        checkAll(F::mean, c.get("x"), 307);
        checkAll(v -> F.mean(v, new int[] {2}, false), c.get("x"), 308);
    }
}
