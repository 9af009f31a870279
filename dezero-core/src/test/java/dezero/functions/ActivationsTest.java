package dezero.functions;

import static dezero.testutil.DiffChecks.assertClose;
import static dezero.testutil.DiffChecks.checkAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.testutil.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    @Test
    void sigmoid() {
        Map<String, NdArray> c = Fixtures.load("sigmoid");
        assertClose(c.get("y"), F.sigmoid(new Variable(c.get("x"))).data(), "sigmoid");
        checkAll(F::sigmoid, c.get("x"), 201);
    }

    @Test
    void relu() {
        Map<String, NdArray> c = Fixtures.load("relu");
        assertClose(c.get("y"), F.relu(new Variable(c.get("x"))).data(), "relu");
        checkAll(F::relu, c.get("x"), 202);
    }

    @Test
    void leakyRelu() {
        Map<String, NdArray> c = Fixtures.load("leaky_relu");
        Variable x = new Variable(c.get("x"));
        assertClose(c.get("y"), F.leakyRelu(x).data(), "leakyRelu");
        assertClose(c.get("y05"), F.leakyRelu(x, 0.05).data(), "leakyRelu 0.05");
        checkAll(F::leakyRelu, c.get("x"), 203);
        checkAll(v -> F.leakyRelu(v, 0.05), c.get("x"), 204);
    }

    @Test
    void softmax() {
        Map<String, NdArray> c = Fixtures.load("softmax");
        Variable x = new Variable(c.get("x"));
        assertClose(c.get("y"), F.softmax(x).data(), "softmax");
        assertClose(c.get("y0"), F.softmax(x, 0).data(), "softmax axis 0");
        checkAll(F::softmax, c.get("x"), 205);
        checkAll(v -> F.softmax(v, 0), c.get("x"), 206);
    }

    @Test
    void softmaxOfLargeScoresDoesNotOverflow() {
        Variable x = new Variable(NdArray.of(new double[][] {{1000, 1000}}));
        assertEquals(NdArray.of(new double[][] {{0.5, 0.5}}), F.softmax(x).data());
    }

    @Test
    void logSoftmax() {
        Map<String, NdArray> c = Fixtures.load("log_softmax");
        Variable x = new Variable(c.get("x"));
        assertClose(c.get("y"), F.logSoftmax(x).data(), "logSoftmax");
        assertClose(c.get("y0"), F.logSoftmax(x, 0).data(), "logSoftmax axis 0");
        checkAll(F::logSoftmax, c.get("x"), 207);
        checkAll(v -> F.logSoftmax(v, 0), c.get("x"), 208);
    }
}
