package dezero.examples;

import dezero.ndarray.NdArray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainSpiralTest {
    @TempDir
    Path tmp;

    @Test
    void shortRunWritesBothPlots() throws IOException {
        Path out = tmp.resolve("plots");
        Cli r = Cli.run("train", "spiral", "--epochs", "5", "--progress", "lines", "--out", out.toString()).expect(0);
        assertTrue(r.out.contains("spiral: 300 training examples; MLP 2-10-3 sigmoid, SGD lr 1, batch 30, float32"),
                r.out);
        assertTrue(r.out.contains("epoch 1/5  loss 1.12") && r.out.contains("epoch 5/5"), r.out);
        assertTrue(r.out.contains("trained model: training loss "), r.out);
        BufferedImage loss = Cli.png(out.resolve("spiral-loss.png"), Plots.LOSS_WIDTH, Plots.LOSS_HEIGHT);
        BufferedImage boundary = Cli.png(out.resolve("spiral-boundary.png"), Plots.BOUNDARY_WIDTH,
                Plots.BOUNDARY_HEIGHT);
        assertTrue(Cli.colours(loss) > 10, "the loss plot looks blank");
        // the decision regions: light versions of the three class colours cover much of the plot
        assertTrue(Cli.colours(boundary) > 20, "the boundary plot looks blank");
        int light = 0;
        for (int y = 100; y < 600; y += 10) {
            for (int x = 100; x < 700; x += 10) {
                int rgb = boundary.getRGB(x, y) & 0xFFFFFF;
                light += rgb != 0xFFFFFF && ((rgb >> 16) & 0xFF) > 180 && ((rgb >> 8) & 0xFF) > 180 ? 1 : 0;
            }
        }
        assertTrue(light > 1000, "few region pixels: " + light);
    }

    /**
     * The book's step 48 in float64 gives the numbers of {@code tools/reference_spiral.py float64}
     * (plain NumPy, the same random draws in the same order) up to float rounding.
     */
    @Test
    void float64RunReplaysTheBooksTraining() throws IOException {
        Path w = tmp.resolve("spiral.npz");
        Cli r = Cli.run("train", "spiral", "--dtype", "float64", "--progress", "none", "--no-plots",
                "--save", w.toString()).expect(0);
        double[] loss = Cli.state(w).get("history/loss").toDoubleArray();
        assertEquals(300, loss.length);
        assertEquals(1.1269415244457752, loss[0], 1e-13);
        assertEquals(1.0461450620569124, loss[1], 1e-13);
        assertEquals(0.7900152742920806, loss[9], 1e-12);
        assertEquals(0.1295895045649517, loss[299], 1e-9);
        assertTrue(r.out.contains("accuracy 97.33 %"), r.out);
    }

    /** The default (float32, DeZero's dtype) agrees with {@code reference_spiral.py float32} to float32 rounding. */
    @Test
    void defaultFloat32RunLearnsTheSpiral() throws IOException {
        Path w = tmp.resolve("spiral32.npz");
        Cli r = Cli.run("train", "spiral", "--progress", "none", "--no-plots", "--save", w.toString()).expect(0);
        Map<String, NdArray> st = Cli.state(w);
        double[] loss = st.get("history/loss").toDoubleArray();
        assertEquals(1.1269415140151977, loss[0], 1e-6);
        assertEquals(0.12958984896540643, loss[299], 1e-5);
        assertEquals(dezero.ndarray.DType.FLOAT32, st.get("model/l0/W").dtype());
        assertTrue(r.out.contains("accuracy 97.33 %"), r.out);
    }

    /**
     * Resuming replays the random draws and restores the state: the run continues as the
     * uninterrupted one. In float64, to 1e-12: the Vector API's exp gives results that can differ in
     * the last bit before and after the JIT compiles it, so two runs in one JVM need not agree bit
     * for bit; the state restored at the resume point is compared exactly.
     */
    @Test
    void saveThenResumeContinuesAsTheUninterruptedRun() throws IOException {
        Path a = tmp.resolve("a.npz");
        Path b = tmp.resolve("b.npz");
        Cli.run("train", "spiral", "--dtype", "float64", "--epochs", "7", "--progress", "none", "--no-plots",
                "--save", a.toString()).expect(0);
        Map<String, NdArray> saved = Cli.state(a);
        // resuming with nothing left to do saves exactly what was restored
        Cli.run("train", "spiral", "--dtype", "float64", "--epochs", "7", "--resume", "--progress", "none",
                "--no-plots", "--save", a.toString()).expect(0);
        Cli.run("train", "spiral", "--dtype", "float64", "--epochs", "7", "--progress", "none", "--no-plots",
                "--save", b.toString()).expect(0);
        assertSameState(saved, Cli.state(b), 1e-12);
        Cli r = Cli.run("train", "spiral", "--dtype", "float64", "--epochs", "15", "--resume", "--progress",
                "lines", "--no-plots", "--save", a.toString()).expect(0);
        assertTrue(r.out.contains("resuming after epoch 7 of 15") && r.out.contains("epoch  8/15"), r.out);
        Map<String, NdArray> resumed = Cli.state(a);
        assertArrayEquals(saved.get("history/loss").toDoubleArray(),
                java.util.Arrays.copyOf(resumed.get("history/loss").toDoubleArray(), 7), 0.0);
        Cli.run("train", "spiral", "--dtype", "float64", "--epochs", "15", "--progress", "none", "--no-plots",
                "--save", b.toString()).expect(0);
        assertSameState(Cli.state(b), resumed, 1e-12);
    }

    /** Equal keys, shapes and dtypes, and values equal to {@code rtol} (0: bit for bit). */
    static void assertSameState(Map<String, NdArray> expected, Map<String, NdArray> actual, double rtol) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            NdArray e = expected.get(k);
            NdArray a = actual.get(k);
            assertEquals(e.shape(), a.shape(), k);
            assertEquals(e.dtype(), a.dtype(), k);
            double[] ev = e.toDoubleArray();
            double[] av = a.toDoubleArray();
            for (int i = 0; i < ev.length; i++) {
                if (Double.isNaN(ev[i]) && Double.isNaN(av[i])) {
                    continue;
                }
                double tol = rtol * Math.max(1, Math.abs(ev[i]));
                if (!(Math.abs(ev[i] - av[i]) <= tol)) {
                    assertEquals(ev[i], av[i], tol, k + " at index " + i);
                }
            }
        }
    }
}
