package dezero.examples;

import dezero.ndarray.NdArray;
import dezero.ndarray.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the program in-process through picocli and captures what it prints. */
final class Cli {
    final int code;
    final String out;
    final String err;

    private Cli(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Fails with what the program printed unless it exited with {@code expected}. */
    Cli expect(int expected) {
        assertEquals(expected, code, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
        return this;
    }

    /** The PNG at {@code file}, decoded, after checking its size. */
    static BufferedImage png(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " does not decode as an image");
        assertEquals(width, img.getWidth(), file + " width");
        assertEquals(height, img.getHeight(), file + " height");
        return img;
    }

    /** The training state saved beside {@code weights} by --save. */
    static Map<String, NdArray> state(Path weights) throws IOException {
        return Npy.loadNpz(Trainer.statePath(weights));
    }

    /** The number of distinct colours in the image (a blank image has one). */
    static int colours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
