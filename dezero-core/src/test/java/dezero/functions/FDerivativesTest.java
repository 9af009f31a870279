package dezero.functions;

import static dezero.testutil.DiffChecks.checkJoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dezero.Config;
import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.testutil.Fixtures;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every differentiable function of F in all its floating inputs at once: first and second order by
 * {@code GradientCheck.gradientCheck(f, inputs, rtol, atol, true)}, and one jvp with a tangent on every
 * input against central differences and against the reverse-mode gradients. (The per-input checks with
 * float32 and Hessian-vector products are in the test class of each function's family.) The points of
 * relu, leakyRelu, max, min and clip lie away from their kinks ({@link KinksTest}).
 */
class FDerivativesTest {
    private static Map<String, NdArray> fx(String name) {
        return Fixtures.load(name);
    }

    private static Arguments row(String name, Function<Variable[], Variable> f, NdArray... inputs) {
        return Arguments.of(name, f, inputs);
    }

    static Stream<Arguments> functions() {
        Map<String, NdArray> lin = fx("linear");
        Map<String, NdArray> bn = fx("batch_norm");
        Map<String, NdArray> sce = fx("softmax_cross_entropy");
        Map<String, NdArray> sig = fx("sigmoid_cross_entropy");
        Map<String, NdArray> bce = fx("binary_cross_entropy");
        Map<String, NdArray> mse = fx("mean_squared_error");
        Map<String, NdArray> emb = fx("embed_id");
        NdArray x = fx("sigmoid").get("x"); // (2, 3) normal
        NdArray x3 = fx("max").get("x"); // (2, 2, 3) normal
        NdArray scores = fx("softmax").get("x"); // (4, 3)
        NdArray ids = emb.get("ids");
        return Stream.of(
                row("reshape", xs -> F.reshape(xs[0], 3, 2), x),
                row("transpose", xs -> F.transpose(xs[0], 1, 0, 2), x3),
                row("getItem", xs -> F.getItem(xs[0], dezero.ndarray.Index.of(1, 0, 1)), x3),
                row("expandDims", xs -> F.expandDims(xs[0], 0), x),
                row("flatten", xs -> F.flatten(xs[0]), x3),
                row("sum", xs -> F.sum(xs[0], new int[] {1}, true), x3),
                row("sumTo", xs -> F.sumTo(xs[0], 1, 3), x),
                row("broadcastTo", xs -> F.broadcastTo(xs[0], 4, 2, 3), x),
                row("mean", xs -> F.mean(xs[0], new int[] {0, 2}, false), x3),
                row("mean of all", xs -> F.mean(xs[0]), x3),
                row("matmul", xs -> F.matmul(xs[0], xs[1]), lin.get("x"), lin.get("w")),
                row("linear", xs -> F.linear(xs[0], xs[1], xs[2]), lin.get("x"), lin.get("w"), lin.get("b")),
                row("linear without b", xs -> F.linear(xs[0], xs[1], null), lin.get("x"), lin.get("w")),
                row("linear(x, x^T)", xs -> F.linear(xs[0], F.transpose(xs[0]), null), lin.get("x")),
                row("sigmoid", xs -> F.sigmoid(xs[0]), x),
                row("relu", xs -> F.relu(xs[0]), x),
                row("leakyRelu", xs -> F.leakyRelu(xs[0]), x),
                row("leakyRelu 0.05", xs -> F.leakyRelu(xs[0], 0.05), x),
                row("softmax", xs -> F.softmax(xs[0]), scores),
                row("softmax axis 0", xs -> F.softmax(xs[0], 0), scores),
                row("softmax axis 2 of 3-d", xs -> F.softmax(xs[0], 2), x3),
                row("logSoftmax", xs -> F.logSoftmax(xs[0]), scores),
                row("logSoftmax axis 0", xs -> F.logSoftmax(xs[0], 0), scores),
                row("meanSquaredError", xs -> F.meanSquaredError(xs[0], xs[1]), mse.get("x0"), mse.get("x1")),
                row("softmaxCrossEntropy", xs -> F.softmaxCrossEntropy(xs[0], xs[1]), sce.get("x"), sce.get("t")),
                row("sigmoidCrossEntropy", xs -> F.sigmoidCrossEntropy(xs[0], xs[1]), sig.get("x"),
                        fx("binary_cross_entropy").get("p")),
                row("sigmoidCrossEntropy 0/1 targets", xs -> F.sigmoidCrossEntropy(xs[0], xs[1]), sig.get("x"),
                        sig.get("t")),
                row("binaryCrossEntropy", xs -> F.binaryCrossEntropy(xs[0], xs[1]), bce.get("p"),
                        fx("sigmoid").get("x").mul(0.2).add(0.5)),
                row("dropout", xs -> F.dropout(xs[0], 0.4, new RandomState(11)), x3),
                row("batchNorm", xs -> F.batchNorm(xs[0], xs[1], xs[2], new Variable(bn.get("mean")),
                        new Variable(bn.get("var")), 0.9, 2e-5), bn.get("x"), bn.get("gamma"), bn.get("beta")),
                row("batchNorm 4-d", xs -> F.batchNorm(xs[0], xs[1], xs[2], new Variable(bn.get("mean")),
                        new Variable(bn.get("var")), 0.9, 2e-5), bn.get("x4"), bn.get("gamma"), bn.get("beta")),
                row("embedId", xs -> F.embedId(ids, xs[0]), emb.get("w")),
                row("max", xs -> F.max(xs[0], new int[] {1}, false), x3),
                row("max of all", xs -> F.max(xs[0]), x3),
                row("min", xs -> F.min(xs[0], new int[] {2}, true), x3),
                row("clip", xs -> F.clip(xs[0], -0.5, 0.7), fx("clip").get("x")),
                // composites whose second derivatives are not zero
                row("relu(x) * x", xs -> F.relu(xs[0]).mul(xs[0]), x),
                row("max(x) * x", xs -> F.max(xs[0], new int[] {2}, true).mul(xs[0]), x3),
                row("clip(x) * x", xs -> F.clip(xs[0], -0.5, 0.7).mul(xs[0]), fx("clip").get("x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void firstAndSecondOrderAndJvpInAllInputs(String name, Function<Variable[], Variable> f, NdArray[] inputs) {
        checkJoint(f, inputs, name.hashCode());
    }

    @ParameterizedTest(name = "{0} in test mode")
    @MethodSource("testModeFunctions")
    void inTestMode(String name, Function<Variable[], Variable> f, NdArray[] inputs) {
        try (Config.Scope t = Config.testMode()) {
            checkJoint(f, inputs, name.hashCode());
        }
    }

    static Stream<Arguments> testModeFunctions() {
        Map<String, NdArray> bn = fx("batch_norm");
        return Stream.of(
                row("batchNorm", xs -> F.batchNorm(xs[0], xs[1], xs[2], new Variable(bn.get("mean")),
                        new Variable(bn.get("var")), 0.9, 2e-5), bn.get("x"), bn.get("gamma"), bn.get("beta")),
                row("dropout", xs -> F.dropout(xs[0], 0.4, new RandomState(11)), bn.get("x")));
    }

    /** accuracy is not differentiable: a constant, which backpropagation does not reach through. */
    @Test
    void accuracyIsAConstant() {
        Map<String, NdArray> c = fx("accuracy");
        Variable y = new Variable(c.get("y"));
        Variable acc = F.accuracy(y, c.get("t"));
        assertEquals(c.get("acc").item(), acc.data().item());
        assertNull(acc.creator());
        Variable loss = F.sum(y).add(acc);
        loss.backward();
        assertEquals(NdArray.onesLike(y.data()), y.grad().data(), "only sum(y) contributes");
        assertEquals(acc.data(), F.accuracy(y, new Variable(c.get("t"))).data(), "labels in a variable");
    }
}
