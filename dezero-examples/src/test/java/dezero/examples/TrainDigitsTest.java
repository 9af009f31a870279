package dezero.examples;

import dezero.ndarray.NdArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainDigitsTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsReachNinetyFivePercentOnTheTestSet() throws IOException {
        Path w = tmp.resolve("digits.npz");
        Path out = tmp.resolve("plots");
        Cli r = Cli.run("train", "digits", "--progress", "none", "--out", out.toString(), "--save", w.toString())
                .expect(0);
        Map<String, NdArray> st = Cli.state(w);
        double[] testAcc = st.get("history/test_acc").toDoubleArray();
        assertEquals(30, testAcc.length);
        assertTrue(testAcc[29] >= 0.95, "test accuracy " + testAcc[29] + "\n" + r.out);
        assertTrue(r.out.contains("1437 training examples, 360 test examples; MLP 64-100-10 relu, Adam lr 0.001"),
                r.out);
        Cli.png(out.resolve("digits-loss.png"), Plots.LOSS_WIDTH, Plots.LOSS_HEIGHT);
        assertTrue(Cli.colours(Cli.png(out.resolve("digits-predictions.png"), 874, 566)) > 10);
        // the weights file holds DeZero's keys only, the state file the rest
        Map<String, NdArray> weights = dezero.ndarray.Npy.loadNpz(w);
        assertEquals(java.util.List.of("l0/W", "l0/b", "l1/W", "l1/b"), new java.util.ArrayList<>(weights.keySet()));
        assertEquals(weights.get("l0/W"), st.get("model/l0/W"));
    }

    @Test
    void saveThenResumeRestoresAdamState() throws IOException {
        Path a = tmp.resolve("a.npz");
        Path b = tmp.resolve("b.npz");
        Cli.run("train", "digits", "--dtype", "float64", "--epochs", "2", "--progress", "none", "--no-plots",
                "--save", a.toString()).expect(0);
        assertEquals(2, Cli.state(a).get("history/loss").size());
        Cli.run("train", "digits", "--dtype", "float64", "--epochs", "4", "--resume", "--progress", "none",
                "--no-plots", "--save", a.toString()).expect(0);
        Cli.run("train", "digits", "--dtype", "float64", "--epochs", "4", "--progress", "none", "--no-plots",
                "--save", b.toString()).expect(0);
        Map<String, NdArray> resumed = Cli.state(a);
        // Adam's step counter went on from the saved one: 4 epochs of 45 batches
        assertEquals(4 * 45, resumed.get("optimizer/t").getLong());
        TrainSpiralTest.assertSameState(Cli.state(b), resumed, 1e-12);
    }

    @Test
    void resumingIntoAnotherModelFailsClearly() {
        Path a = tmp.resolve("a.npz");
        Cli.run("train", "digits", "--epochs", "1", "--progress", "none", "--no-plots", "--save", a.toString())
                .expect(0);
        Cli r = Cli.run("train", "digits", "--epochs", "2", "--hidden", "50", "--resume", "--progress", "none",
                "--no-plots", "--save", a.toString()).expect(1);
        assertTrue(r.err.contains("cannot resume") && r.err.contains("l0/W"), r.err);
    }

    @Test
    void float64AndOtherOptimizersRun() throws IOException {
        Path w = tmp.resolve("m.npz");
        Cli.run("train", "digits", "--epochs", "1", "--dtype", "float64", "--optimizer", "momentum", "--lr", "0.05",
                "--hidden", "32,16", "--activation", "tanh", "--batch-size", "64", "--progress", "none",
                "--no-plots", "--save", w.toString()).expect(0);
        Map<String, NdArray> st = Cli.state(w);
        assertEquals("(64, 32)", st.get("model/l0/W").shape().toString());
        assertEquals("(16, 10)", st.get("model/l2/W").shape().toString());
        assertTrue(st.containsKey("optimizer/v/l0/W"));
        assertEquals(dezero.ndarray.DType.FLOAT64, st.get("model/l1/b").dtype());
    }
}
