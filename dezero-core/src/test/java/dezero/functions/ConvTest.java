package dezero.functions;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Variable;
import dezero.layers.NnTesting;
import dezero.ndarray.NdArray;
import dezero.testutil.DiffChecks;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** conv2d, pooling, averagePooling, im2col, col2im against direct loops in NumPy, with every derivative check. */
class ConvTest {
    private static final Map<String, NdArray> FIX = NnTesting.fixture("conv");
    private static final int[] K3 = {3};
    private static final int[] ONE = {1};

    @Test
    void conv2dWithNonSquareKernelStrideAndPadding() {
        Variable y = F.conv2d(new Variable(FIX.get("conv_x")), new Variable(FIX.get("conv_W")),
                new Variable(FIX.get("conv_b")), new int[] {2, 1}, new int[] {1, 0});
        assertClose(FIX.get("conv_y"), y.data(), "conv2d");
    }

    @Test
    void im2colAndItsMatrixForm() {
        Variable x = new Variable(FIX.get("im2col_x"));
        assertClose(FIX.get("im2col_cols"), F.im2col(x, K3, ONE, ONE, false).data(), 0, 0, "columns");
        assertClose(FIX.get("im2col_matrix"), F.im2col(x, K3, ONE, ONE, true).data(), 0, 0, "matrix");
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        // <im2col(x), c> == <x, col2im(c)> for random x and c
        Random rnd = new Random(3);
        NdArray x = DiffChecks.randn(rnd, 2, 3, 5, 6);
        int[] k = {3, 2};
        int[] s = {2, 1};
        int[] p = {1, 1};
        NdArray cols = F.im2col(new Variable(x), k, s, p, false).data();
        NdArray c = DiffChecks.randn(rnd, cols.shape().dims());
        NdArray back = F.col2im(new Variable(c), x.shape().dims(), k, s, p, false).data();
        assertEquals(cols.mul(c).sum().item(), x.mul(back).sum().item(), 1e-10);
        NdArray m = F.im2col(new Variable(x), k, s, p, true).data();
        NdArray cm = DiffChecks.randn(rnd, m.shape().dims());
        NdArray backM = F.col2im(new Variable(cm), x.shape().dims(), k, s, p, true).data();
        assertEquals(m.mul(cm).sum().item(), x.mul(backM).sum().item(), 1e-10);
    }

    @Test
    void maxAndAveragePooling() {
        Variable x = new Variable(FIX.get("pool_x"));
        assertClose(FIX.get("pool_max_k2s2"), F.pooling(x, 2, 2, 0).data(), 0, 0, "max 2x2 stride 2");
        assertClose(FIX.get("pool_mean_k2s2"), F.averagePooling(x, 2, 2, 0).data(), "mean 2x2 stride 2");
        assertClose(FIX.get("pool_max_k3s2p1"), F.pooling(x, 3, 2, 1).data(), 0, 0, "max 3x3 stride 2 pad 1");
        assertClose(FIX.get("pool_mean_k3s2p1"), F.averagePooling(x, 3, 2, 1).data(), "mean 3x3 stride 2 pad 1");
    }

    @Test
    void derivativesOfConv2d() {
        Random rnd = new Random(5);
        NdArray x = DiffChecks.randn(rnd, 2, 2, 5, 4);
        Variable w = new Variable(DiffChecks.randn(rnd, 3, 2, 2, 3));
        Variable b = new Variable(DiffChecks.randn(rnd, 3));
        DiffChecks.checkAll(v -> F.conv2d(v, DiffChecks.as(w, v), DiffChecks.as(b, v), new int[] {1, 2},
                new int[] {1, 1}), x, 11);
        // with respect to W and b
        NdArray xs = x;
        DiffChecks.gradient(v -> F.conv2d(new Variable(xs), v, b, 2, 1), w.data(), 12);
        DiffChecks.gradient(v -> F.conv2d(new Variable(xs), w, v, 1, 0), b.data(), 13);
    }

    @Test
    void derivativesOfPoolingAndIm2col() {
        Random rnd = new Random(6);
        NdArray x = DiffChecks.randn(rnd, 2, 2, 5, 5);
        DiffChecks.checkAll(v -> F.pooling(v, 2, 2, 0), x, 21);
        DiffChecks.checkAll(v -> F.averagePooling(v, 3, 2, 1), x, 22);
        DiffChecks.checkAll(v -> F.im2col(v, new int[] {2, 3}, new int[] {2, 1}, ONE, true), x, 23);
        DiffChecks.checkAll(v -> F.col2im(v, new int[] {2, 2, 5, 5}, K3, new int[] {2}, ONE, false),
                DiffChecks.randn(rnd, 2, 2, 3, 3, 3, 3), 24);
    }

    @Test
    void badShapesAreRefused() {
        Variable x = new Variable(NdArray.zeros(1, 2, 4, 4));
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> F.conv2d(x, new Variable(NdArray.zeros(3, 5, 2, 2)), null));
        assertTrue(c.getMessage().contains("(1, 2, 4, 4)") && c.getMessage().contains("(3, 5, 2, 2)"), c.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> F.pooling(x, 5, 1, 0));
        assertTrue(k.getMessage().contains("larger than"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> F.pooling(new Variable(NdArray.zeros(4, 4)), 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> F.conv2d(x, new Variable(NdArray.zeros(3, 2, 2, 2)),
                new Variable(NdArray.zeros(2))));
        assertThrows(IllegalArgumentException.class, () -> F.pooling(x, 2, 0, 0));
    }
}
