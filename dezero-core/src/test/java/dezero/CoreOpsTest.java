package dezero;

import static dezero.testutil.DiffChecks.as;
import static dezero.testutil.DiffChecks.assertClose;
import static dezero.testutil.DiffChecks.checkAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import dezero.testutil.Fixtures;
import dezero.testutil.DiffChecks;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core primitives (the Variable methods): forward against NumPy, gradients of every order, jvp. */
class CoreOpsTest {
    private static Variable v(NdArray a) {
        return new Variable(a);
    }

    @Test
    void add() {
        Map<String, NdArray> c = Fixtures.load("add");
        Variable x0 = v(c.get("x0"));
        Variable x1 = v(c.get("x1"));
        assertClose(c.get("y"), x0.add(x1).data(), "add");
        checkAll(a -> a.add(as(x1, a)), c.get("x0"), 1);
        checkAll(b -> as(x0, b).add(b), c.get("x1"), 2);
        checkAll(a -> a.add(a), c.get("x0"), 3);
    }

    @Test
    void addBroadcastGradientIsSummedToEachShape() {
        Variable x0 = v(NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Variable x1 = v(NdArray.of(new double[] {10, 20, 30}));
        Variable y = x0.add(x1);
        y.backward();
        assertEquals(NdArray.ones(2, 3), x0.grad().data());
        assertEquals(NdArray.of(new double[] {2, 2, 2}), x1.grad().data());
    }

    @Test
    void sub() {
        Map<String, NdArray> c = Fixtures.load("sub");
        Variable x0 = v(c.get("x0"));
        Variable x1 = v(c.get("x1"));
        assertClose(c.get("y"), x0.sub(x1).data(), "sub");
        checkAll(a -> a.sub(as(x1, a)), c.get("x0"), 4);
        checkAll(b -> as(x0, b).sub(b), c.get("x1"), 5);
    }

    @Test
    void mul() {
        Map<String, NdArray> c = Fixtures.load("mul");
        Variable x0 = v(c.get("x0"));
        Variable x1 = v(c.get("x1"));
        assertClose(c.get("y"), x0.mul(x1).data(), "mul");
        checkAll(a -> a.mul(as(x1, a)), c.get("x0"), 6);
        checkAll(b -> as(x0, b).mul(b), c.get("x1"), 7);
        checkAll(a -> a.mul(a).mul(a), c.get("x0"), 8);
    }

    @Test
    void div() {
        Map<String, NdArray> c = Fixtures.load("div");
        Variable x0 = v(c.get("x0"));
        Variable x1 = v(c.get("x1"));
        assertClose(c.get("y"), x0.div(x1).data(), "div");
        checkAll(a -> a.div(as(x1, a)), c.get("x0"), 9);
        checkAll(b -> as(x0, b).div(b), c.get("x1"), 10);
    }

    @Test
    void neg() {
        Map<String, NdArray> c = Fixtures.load("neg");
        assertClose(c.get("y"), v(c.get("x")).neg().data(), "neg");
        checkAll(Variable::neg, c.get("x"), 11);
    }

    @Test
    void pow() {
        Map<String, NdArray> c = Fixtures.load("pow");
        assertClose(c.get("y"), v(c.get("x")).pow(3.5).data(), "pow");
        checkAll(a -> a.pow(3.5), c.get("x"), 12);
        checkAll(a -> a.pow(2), c.get("x"), 13);
    }

    @Test
    void scalarOperandsKeepTheDtypeAndMatchNumPy() {
        Map<String, NdArray> c = Fixtures.load("scalar_ops");
        Variable x = v(c.get("x"));
        assertClose(c.get("add"), x.add(2.5).data(), "x + 2.5");
        assertClose(c.get("sub"), x.sub(2.5).data(), "x - 2.5");
        assertClose(c.get("rsub"), x.rsub(2.5).data(), "2.5 - x");
        assertClose(c.get("mul"), x.mul(2.5).data(), "x * 2.5");
        assertClose(c.get("div"), x.div(2.5).data(), "x / 2.5");
        assertClose(c.get("rdiv"), v(c.get("xp")).rdiv(2.5).data(), "2.5 / x");
        checkAll(a -> a.add(2.5), c.get("x"), 14);
        checkAll(a -> a.sub(2.5), c.get("x"), 15);
        checkAll(a -> a.rsub(2.5), c.get("x"), 16);
        checkAll(a -> a.mul(2.5), c.get("x"), 17);
        checkAll(a -> a.div(2.5), c.get("x"), 18);
        checkAll(a -> a.rdiv(2.5), c.get("xp"), 19);
        Variable f = v(NdArray.of(2f));
        for (Variable y : new Variable[] {f.add(0.1), f.sub(0.1), f.rsub(0.1), f.mul(0.1), f.div(0.1), f.rdiv(0.1),
            f.pow(0.5), f.neg()}) {
            assertEquals(DType.FLOAT32, y.dtype());
        }
        assertEquals(2f + 0.1f, (float) f.add(0.1).data().item());
        assertEquals(0.1f - 2f, (float) f.rsub(0.1).data().item());
        assertEquals(0.1f / 2f, (float) f.rdiv(0.1).data().item());
    }

    @Test
    void matmul() {
        Map<String, NdArray> c = Fixtures.load("matmul");
        Variable a = v(c.get("a"));
        Variable b = v(c.get("b"));
        Variable vec = v(c.get("v"));
        assertClose(c.get("y"), a.matmul(b).data(), "a @ b");
        assertClose(c.get("av"), a.matmul(vec).data(), "a @ v");
        assertClose(c.get("va"), vec.matmul(b).data(), "v @ b");
        assertClose(c.get("vv"), vec.matmul(vec).data(), "v @ v");
        assertClose(c.get("bab"), v(c.get("ba")).matmul(b).data(), "batched @ b");
        checkAll(x -> x.matmul(as(b, x)), c.get("a"), 20);
        checkAll(x -> as(a, x).matmul(x), c.get("b"), 21);
        checkAll(x -> as(a, x).matmul(x), c.get("v"), 22);
        checkAll(x -> x.matmul(as(b, x)), c.get("v"), 23);
        checkAll(x -> x.matmul(x), c.get("v"), 24);
        checkAll(x -> x.matmul(as(b, x)), c.get("ba"), 25);
        Variable ba = v(c.get("ba"));
        checkAll(x -> as(ba, x).matmul(x), c.get("b"), 26);
    }

    @Test
    void reshape() {
        Map<String, NdArray> c = Fixtures.load("reshape");
        Variable x = v(c.get("x"));
        assertClose(c.get("y"), x.reshape(3, 2).data(), "reshape");
        assertEquals(Shape.of(6), x.reshape(-1).shape());
        assertSame(x, x.reshape(2, 3), "an unchanged shape gives the variable itself");
        checkAll(a -> a.reshape(3, 2), c.get("x"), 27);
        checkAll(a -> a.reshape(-1, 1), c.get("x"), 28);
    }

    @Test
    void transpose() {
        Map<String, NdArray> c = Fixtures.load("transpose");
        Variable x = v(c.get("x"));
        assertClose(c.get("y"), x.transpose().data(), "transpose");
        assertClose(c.get("y120"), x.transpose(1, 2, 0).data(), "transpose(1, 2, 0)");
        assertClose(c.get("y120"), x.transpose(-2, -1, 0).data(), "transpose(-2, -1, 0)");
        checkAll(Variable::transpose, c.get("x"), 29);
        checkAll(a -> a.transpose(1, 2, 0), c.get("x"), 30);
        checkAll(a -> a.transpose(-2, -1, 0), c.get("x"), 31);
    }

    @Test
    void sum() {
        Map<String, NdArray> c = Fixtures.load("sum");
        Variable x = v(c.get("x"));
        assertClose(c.get("all"), x.sum().data(), "sum()");
        assertClose(c.get("ax1"), x.sum(1).data(), "sum(1)");
        assertClose(c.get("ax1"), x.sum(-2).data(), "sum(-2)");
        assertClose(c.get("ax02k"), x.sum(new int[] {0, 2}, true).data(), "sum((0, 2), keepdims)");
        checkAll(Variable::sum, c.get("x"), 32);
        checkAll(a -> a.sum(1), c.get("x"), 33);
        checkAll(a -> a.sum(new int[] {0, -1}, true), c.get("x"), 34);
        checkAll(a -> a.sum(null, true), c.get("x"), 35);
    }

    @Test
    void sumToAndBroadcastTo() {
        Map<String, NdArray> c = Fixtures.load("sum_to");
        Variable x = v(c.get("x"));
        assertClose(c.get("y"), x.sumTo(1, 3).data(), "sumTo(1, 3)");
        assertClose(c.get("to3"), x.sumTo(3).data(), "sumTo(3)");
        assertSame(x, x.sumTo(x.shape()));
        checkAll(a -> a.sumTo(1, 3), c.get("x"), 36);
        checkAll(a -> a.sumTo(3), c.get("x"), 37);
        Map<String, NdArray> b = Fixtures.load("broadcast_to");
        Variable r = v(b.get("x"));
        assertClose(b.get("y"), r.broadcastTo(2, 3).data(), "broadcastTo");
        assertSame(r, r.broadcastTo(3));
        checkAll(a -> a.broadcastTo(2, 3), b.get("x"), 38);
        checkAll(a -> a.broadcastTo(2, 2, 3), b.get("x"), 39);
    }

    @Test
    void getItem() {
        Map<String, NdArray> c = Fixtures.load("get_item");
        Variable x = v(c.get("x"));
        Index[] fancy = {Index.all(), Index.of(0, 1, 1)};
        Index[] sliced = {Index.all(), Index.slice(1, null, 1), Index.slice(null, null, 2)};
        assertClose(c.get("y_1"), x.get(Index.at(1)).data(), "x[1]");
        assertClose(c.get("y_fancy"), x.get(fancy).data(), "x[:, [0, 1, 1]]");
        assertClose(c.get("y_slice"), x.get(sliced).data(), "x[:, 1:, ::2]");
        checkAll(a -> a.get(Index.at(1)), c.get("x"), 40);
        checkAll(a -> a.get(fancy), c.get("x"), 41);
        checkAll(a -> a.get(sliced), c.get("x"), 42);
    }

    @Test
    void getItemGradientAccumulatesRepeatedIndices() {
        Variable x = v(NdArray.of(new double[] {1, 2, 3}));
        x.get(Index.of(0, 0, 2, 0)).sum().backward();
        assertEquals(NdArray.of(new double[] {3, 0, 1}), x.grad().data());
    }

    @Test
    void shapeErrorsNameTheOperation() {
        Variable a = v(NdArray.zeros(2, 3));
        Variable b = v(NdArray.zeros(4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertTrue(e.getMessage().startsWith("matmul"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().startsWith("add"), e.getMessage());
    }

    /** Two random shapes that broadcast together: a common shape with some axes set to 1 or dropped in front. */
    private static int[][] broadcastPair(Random rnd) {
        int rank = 1 + rnd.nextInt(3);
        int[] full = new int[rank];
        for (int i = 0; i < rank; i++) {
            full[i] = 1 + rnd.nextInt(3);
        }
        int[][] out = new int[2][];
        for (int k = 0; k < 2; k++) {
            int drop = rnd.nextInt(rank + 1);
            int[] s = new int[rank - drop];
            for (int i = 0; i < s.length; i++) {
                s[i] = rnd.nextInt(3) == 0 ? 1 : full[drop + i];
            }
            out[k] = s;
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void broadcastingArithmeticHasCorrectDerivatives(long seed) {
        Random rnd = new Random(seed);
        int[][] shapes = broadcastPair(rnd);
        NdArray a = DiffChecks.randn(rnd, shapes[0]);
        NdArray b = DiffChecks.randn(rnd, shapes[1]).abs().add(0.5);
        Variable va = v(a);
        Variable vb = v(b);
        List<BinaryOperator<Variable>> ops = List.of(Variable::add, Variable::sub, Variable::mul, Variable::div);
        for (BinaryOperator<Variable> op : ops) {
            Variable y = op.apply(va, vb);
            assertEquals(Shape.of(broadcastDims(shapes[0], shapes[1])), y.shape());
            checkAll(x -> op.apply(x, as(vb, x)), a, seed);
            checkAll(x -> op.apply(as(va, x), x), b, seed + 100);
        }
    }

    private static int[] broadcastDims(int[] x, int[] y) {
        int n = Math.max(x.length, y.length);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            int dx = i < n - x.length ? 1 : x[i - (n - x.length)];
            int dy = i < n - y.length ? 1 : y[i - (n - y.length)];
            r[i] = Math.max(dx, dy);
        }
        return r;
    }
}
