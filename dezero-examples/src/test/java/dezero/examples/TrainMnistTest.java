package dezero.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MNIST on small IDX files written here: 60 training and 20 test images of 28x28. */
class TrainMnistTest {
    @TempDir
    Path tmp;

    private static byte[] idx(int magic, int[] dims, byte[] payload) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4 + 4 * dims.length);
        head.putInt(magic);
        for (int d : dims) {
            head.putInt(d);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(head.array());
            gz.write(payload);
        }
        return bos.toByteArray();
    }

    /** Images whose class decides which horizontal band is bright, so an MLP can learn them. */
    private static void writeSplit(Path dir, String prefix, int n, long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] px = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(10);
            labels[i] = (byte) c;
            for (int p = 0; p < 28 * 28; p++) {
                int row = p / 28;
                int v = row / 3 == c ? 200 + rnd.nextInt(56) : rnd.nextInt(40);
                px[i * 28 * 28 + p] = (byte) v;
            }
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), idx(2051, new int[] {n, 28, 28}, px));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), idx(2049, new int[] {n}, labels));
    }

    @Test
    void trainsFromADirectoryOfIdxFiles() throws IOException {
        Path data = tmp.resolve("mnist");
        writeSplit(data, "train", 60, 1);
        writeSplit(data, "t10k", 20, 2);
        Path out = tmp.resolve("plots");
        Cli r = Cli.run("train", "mnist", "--data", data.toString(), "--epochs", "2", "--batch-size", "20",
                "--progress", "none", "--out", out.toString()).expect(0);
        assertTrue(r.out.contains("mnist: 60 training examples, 20 test examples; MLP 784-100-10 relu, Adam"), r.out);
        assertTrue(r.out.contains("test accuracy"), r.out);
        Cli.png(out.resolve("mnist-loss.png"), Plots.LOSS_WIDTH, Plots.LOSS_HEIGHT);
        assertTrue(Files.isRegularFile(out.resolve("mnist-predictions.png")));
    }

    @Test
    void downloadsFromTheGivenUrl() throws IOException {
        Path mirror = tmp.resolve("mirror");
        writeSplit(mirror, "train", 40, 3);
        writeSplit(mirror, "t10k", 10, 4);
        Path data = tmp.resolve("cache");
        Cli.run("train", "mnist", "--download", "--url", mirror.toUri().toString(), "--data", data.toString(),
                "--epochs", "1", "--progress", "none", "--no-plots").expect(0);
        assertTrue(Files.isRegularFile(data.resolve("train-images-idx3-ubyte.gz")));
        assertTrue(Files.isRegularFile(data.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void missingDataSaysWhatToDo() {
        Path data = tmp.resolve("empty");
        Cli r = Cli.run("train", "mnist", "--data", data.toString(), "--progress", "none").expect(1);
        assertTrue(r.err.contains("train-images-idx3-ubyte") && r.err.contains("--download --data " + data), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }

    @Test
    void failedDownloadSaysWhereToPutTheFiles() {
        Path data = tmp.resolve("cache");
        Cli r = Cli.run("train", "mnist", "--download", "--url", tmp.resolve("nowhere").toUri().toString(),
                "--data", data.toString(), "--progress", "none").expect(1);
        assertTrue(r.err.contains("cannot download") && r.err.contains(data.toString()), r.err);
    }
}
