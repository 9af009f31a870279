package dezero.functions;

import static dezero.testutil.DiffChecks.as;
import static dezero.testutil.DiffChecks.assertClose;
import static dezero.testutil.DiffChecks.checkAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.testutil.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossesTest {
    @Test
    void meanSquaredError() {
        Map<String, NdArray> c = Fixtures.load("mean_squared_error");
        Variable x0 = new Variable(c.get("x0"));
        Variable x1 = new Variable(c.get("x1"));
        assertClose(c.get("y"), F.meanSquaredError(x0, x1).data(), "meanSquaredError");
        checkAll(v -> F.meanSquaredError(v, as(x1, v)), c.get("x0"), 501);
        checkAll(v -> F.meanSquaredError(as(x0, v), v), c.get("x1"), 502);
    }

    @Test
    void softmaxCrossEntropy() {
        Map<String, NdArray> c = Fixtures.load("softmax_cross_entropy");
        NdArray t = c.get("t");
        assertClose(c.get("y"), F.softmaxCrossEntropy(new Variable(c.get("x")), t).data(), "softmaxCrossEntropy");
        checkAll(v -> F.softmaxCrossEntropy(v, t), c.get("x"), 503);
    }

    @Test
    void softmaxCrossEntropyGivesLabelsNoGradient() {
        Map<String, NdArray> c = Fixtures.load("softmax_cross_entropy");
        Variable x = new Variable(c.get("x"));
        Variable t = new Variable(c.get("t"));
        F.softmaxCrossEntropy(x, t).backward();
        assertNull(t.grad());
        assertEquals(x.shape(), x.grad().shape());
    }

    @Test
    void softmaxCrossEntropyStaysFloat32() {
        Map<String, NdArray> c = Fixtures.load("softmax_cross_entropy");
        Variable x = new Variable(c.get("x").astype(DType.FLOAT32));
        Variable y = F.softmaxCrossEntropy(x, c.get("t"));
        y.backward();
        assertEquals(DType.FLOAT32, y.dtype());
        assertEquals(DType.FLOAT32, x.grad().dtype());
    }

    @Test
    void softmaxCrossEntropyChecksItsInputs() {
        Variable x = new Variable(NdArray.zeros(4, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.softmaxCrossEntropy(x, NdArray.of(new long[] {0, 1})));
        assertEquals("softmaxCrossEntropy: scores of shape (4, 3) and labels of shape (2,) differ in batch size",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.softmaxCrossEntropy(x, NdArray.zeros(4)));
        assertEquals("softmaxCrossEntropy: labels must be int64, got float64", e.getMessage());
    }

    @Test
    void sigmoidCrossEntropy() {
        Map<String, NdArray> c = Fixtures.load("sigmoid_cross_entropy");
        Variable t = new Variable(c.get("t"));
        assertClose(c.get("y"), F.sigmoidCrossEntropy(new Variable(c.get("x")), t).data(), "sigmoidCrossEntropy");
        checkAll(v -> F.sigmoidCrossEntropy(v, as(t, v)), c.get("x"), 504);
    }

    @Test
    void binaryCrossEntropy() {
        Map<String, NdArray> c = Fixtures.load("binary_cross_entropy");
        Variable t = new Variable(c.get("t"));
        assertClose(c.get("y"), F.binaryCrossEntropy(new Variable(c.get("p")), t).data(), "binaryCrossEntropy");
        checkAll(v -> F.binaryCrossEntropy(v, as(t, v)), c.get("p"), 505);
    }
}
