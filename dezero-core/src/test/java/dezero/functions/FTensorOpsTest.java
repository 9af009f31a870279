package dezero.functions;

import static dezero.testutil.DiffChecks.as;
import static dezero.testutil.DiffChecks.assertClose;
import static dezero.testutil.DiffChecks.checkAll;
import static dezero.testutil.DiffChecks.checkJoint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dezero.Variable;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import dezero.testutil.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tensor operations of F (the core operations as F exposes them): forward values against NumPy,
 * gradients of first and second order, forward mode against reverse mode, float32.
 */
class FTensorOpsTest {
    private static Variable v(NdArray a) {
        return new Variable(a);
    }

    @Test
    void reshape() {
        Map<String, NdArray> c = Fixtures.load("reshape");
        assertClose(c.get("y"), F.reshape(v(c.get("x")), 3, 2).data(), "reshape(3, 2)");
        assertClose(c.get("y").reshape(6), F.reshape(v(c.get("x")), -1).data(), "reshape(-1)");
        checkAll(a -> F.reshape(a, 3, 2), c.get("x"), 701);
        checkJoint(xs -> F.reshape(xs[0], 1, 6), new NdArray[] {c.get("x")}, 702);
    }

    @Test
    void transpose() {
        Map<String, NdArray> c = Fixtures.load("transpose");
        Variable x = v(c.get("x"));
        assertClose(c.get("y"), F.transpose(x).data(), "transpose");
        assertClose(c.get("y120"), F.transpose(x, 1, 2, 0).data(), "transpose(1, 2, 0)");
        checkAll(F::transpose, c.get("x"), 703);
        checkAll(a -> F.transpose(a, 1, 2, 0), c.get("x"), 704);
        checkJoint(xs -> F.transpose(xs[0], 2, 0, 1), new NdArray[] {c.get("x")}, 705);
    }

    @Test
    void getItem() {
        Map<String, NdArray> c = Fixtures.load("get_item");
        Variable x = v(c.get("x"));
        Index[] fancy = {Index.all(), Index.of(0, 1, 1)};
        Index[] sliced = {Index.all(), Index.slice(1, null, 1), Index.slice(null, null, 2)};
        assertClose(c.get("y_1"), F.getItem(x, Index.at(1)).data(), "x[1]");
        assertClose(c.get("y_fancy"), F.getItem(x, fancy).data(), "x[:, [0, 1, 1]]");
        assertClose(c.get("y_slice"), F.getItem(x, sliced).data(), "x[:, 1:, ::2]");
        checkAll(a -> F.getItem(a, Index.at(1)), c.get("x"), 706);
        checkAll(a -> F.getItem(a, fancy), c.get("x"), 707);
        checkJoint(xs -> F.getItem(xs[0], sliced), new NdArray[] {c.get("x")}, 708);
        checkJoint(xs -> F.getItem(xs[0], fancy), new NdArray[] {c.get("x")}, 709);
    }

    @Test
    void getItemGradientAddsRepeatedIndices() {
        Variable x = v(NdArray.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        F.getItem(x, Index.of(2, 0, 2, 2)).sum().backward();
        assertEquals(NdArray.of(new double[][] {{1, 1}, {0, 0}, {3, 3}}), x.grad().data());
    }

    @Test
    void expandDims() {
        Map<String, NdArray> c = Fixtures.load("transpose");
        NdArray x = c.get("x"); // (2, 2, 3)
        Variable y = F.expandDims(v(x), 2);
        assertEquals(Shape.of(2, 2, 1, 3), y.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(x.get(i, j, k), y.data().get(i, j, 0, k));
                }
            }
        }
        assertEquals(Shape.of(1, 2, 2, 3), F.expandDims(v(x), -4).shape());
        checkAll(a -> F.expandDims(a, 2), x, 710);
        checkJoint(xs -> F.expandDims(xs[0], -1), new NdArray[] {x}, 711);
    }

    @Test
    void flatten() {
        Map<String, NdArray> c = Fixtures.load("transpose");
        NdArray x = c.get("x"); // (2, 2, 3)
        Variable y = F.flatten(v(x));
        assertEquals(Shape.of(2, 6), y.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(x.get(i, j, k), y.data().get(i, j * 3 + k));
                }
            }
        }
        checkAll(F::flatten, x, 712);
        checkJoint(xs -> F.flatten(xs[0]), new NdArray[] {x}, 713);
    }

    @Test
    void sum() {
        Map<String, NdArray> c = Fixtures.load("sum");
        Variable x = v(c.get("x"));
        assertClose(c.get("all"), F.sum(x).data(), "sum()");
        assertClose(c.get("ax1"), F.sum(x, new int[] {1}, false).data(), "sum(axis=1)");
        assertClose(c.get("ax02k"), F.sum(x, new int[] {0, 2}, true).data(), "sum(axis=(0, 2), keepdims)");
        checkAll(F::sum, c.get("x"), 714);
        checkAll(a -> F.sum(a, new int[] {1}, false), c.get("x"), 715);
        checkJoint(xs -> F.sum(xs[0], new int[] {0, 2}, true), new NdArray[] {c.get("x")}, 716);
    }

    @Test
    void sumTo() {
        Map<String, NdArray> c = Fixtures.load("sum_to");
        Variable x = v(c.get("x"));
        assertClose(c.get("y"), F.sumTo(x, 1, 3).data(), "sumTo(1, 3)");
        assertClose(c.get("to3"), F.sumTo(x, Shape.of(3)).data(), "sumTo((3,))");
        checkAll(a -> F.sumTo(a, 1, 3), c.get("x"), 717);
        checkJoint(xs -> F.sumTo(xs[0], 3), new NdArray[] {c.get("x")}, 718);
    }

    @Test
    void broadcastTo() {
        Map<String, NdArray> c = Fixtures.load("broadcast_to");
        Variable x = v(c.get("x"));
        assertClose(c.get("y"), F.broadcastTo(x, 2, 3).data(), "broadcastTo(2, 3)");
        assertClose(c.get("y"), F.broadcastTo(x, Shape.of(2, 3)).data(), "broadcastTo((2, 3))");
        checkAll(a -> F.broadcastTo(a, 2, 3), c.get("x"), 719);
        checkJoint(xs -> F.broadcastTo(xs[0], 2, 2, 3), new NdArray[] {c.get("x")}, 720);
    }

    @Test
    void matmul() {
        Map<String, NdArray> c = Fixtures.load("matmul");
        Variable a = v(c.get("a"));
        Variable b = v(c.get("b"));
        assertClose(c.get("y"), F.matmul(a, b).data(), "a @ b");
        assertClose(c.get("av"), F.matmul(a, v(c.get("v"))).data(), "a @ v");
        assertClose(c.get("bab"), F.matmul(v(c.get("ba")), b).data(), "batched @ b");
        checkAll(x -> F.matmul(x, as(b, x)), c.get("a"), 721);
        checkAll(x -> F.matmul(as(a, x), x), c.get("b"), 722);
        checkJoint(xs -> F.matmul(xs[0], xs[1]), new NdArray[] {c.get("a"), c.get("b")}, 723);
        checkJoint(xs -> F.matmul(xs[0], xs[1]), new NdArray[] {c.get("ba"), c.get("b")}, 724);
        checkJoint(xs -> F.matmul(xs[0], xs[1]), new NdArray[] {c.get("a"), c.get("v")}, 725);
        // a product of a variable with itself: the second derivative is not zero
        checkJoint(xs -> F.matmul(xs[0], F.transpose(xs[0])), new NdArray[] {c.get("a")}, 726);
    }
}
