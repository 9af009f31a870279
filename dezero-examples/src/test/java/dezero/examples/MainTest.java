package dezero.examples;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsEveryCommand() {
        Cli r = Cli.run("--help").expect(0);
        for (String s : new String[] {"Usage: dezero", "train", "graph", "seed", "--version"}) {
            assertTrue(r.out.contains(s), () -> "--help lacks " + s + ":\n" + r.out);
        }
        Cli t = Cli.run("train", "--help").expect(0);
        for (String s : new String[] {"spiral", "digits", "mnist"}) {
            assertTrue(t.out.contains(s), () -> "train --help lacks " + s + ":\n" + t.out);
        }
        Cli s = Cli.run("train", "spiral", "--help").expect(0);
        for (String o : new String[] {"--epochs", "--batch-size", "--lr", "--hidden", "--seed", "--out", "--save",
            "--resume", "--dtype", "(default: 300)", "(default: 1.0)"}) {
            assertTrue(s.out.contains(o), () -> "train spiral --help lacks " + o + ":\n" + s.out);
        }
        Cli m = Cli.run("train", "mnist", "--help").expect(0);
        for (String o : new String[] {"--data", "--download", "--url"}) {
            assertTrue(m.out.contains(o), () -> "train mnist --help lacks " + o + ":\n" + m.out);
        }
    }

    @Test
    void versionNamesTheProgram() {
        assertTrue(Cli.run("--version").expect(0).out.startsWith("dezero "));
    }

    @Test
    void noCommandIsAUsageError() {
        Cli r = Cli.run().expect(2);
        assertTrue(r.err.contains("Missing required subcommand") && r.err.contains("Usage: dezero"), r.err);
        Cli t = Cli.run("train").expect(2);
        assertTrue(t.err.contains("Usage: dezero train"), t.err);
    }

    @Test
    void badArgumentsGiveTheUsageAndANonZeroExit() {
        String[][] cases = {
            {"train", "spiral", "--epochs", "abc"},
            {"train", "spiral", "--no-such-option"},
            {"train", "cifar"},
            {"train", "spiral", "--dtype", "float16"},
            {"train", "digits", "--lr", "-1"},
            {"train", "digits", "--batch-size", "0"},
            {"train", "spiral", "--seed", "x"},
            {"train", "spiral", "--hidden", "10,0"},
            {"train", "spiral", "--resume"},
            {"graph", "--expr", "rosenbrock"},
            {"graph", "--order", "-1"},
            {"seed", "extra"},
        };
        for (String[] args : cases) {
            Cli r = Cli.run(args);
            assertTrue(r.code == 2, () -> String.join(" ", args) + ": exit code " + r.code + "\n" + r.err);
            assertTrue(r.err.contains("Usage: dezero"), () -> String.join(" ", args) + ": no usage\n" + r.err);
        }
    }

    @Test
    void resumingWithoutASavedRunSaysWhatToDo() {
        Path w = tmp.resolve("none.npz");
        Cli r = Cli.run("train", "spiral", "--resume", "--save", w.toString(), "--progress", "none",
                "--out", tmp.toString()).expect(1);
        assertTrue(r.err.contains("cannot resume") && r.err.contains("none.state.npz"), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }
}
