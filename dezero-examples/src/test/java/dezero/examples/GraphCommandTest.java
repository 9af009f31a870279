package dezero.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphCommandTest {
    @TempDir
    Path tmp;

    /** The value printed on the first line, after the last " = ". */
    private static double value(String out) {
        String first = out.lines().findFirst().orElseThrow();
        return Double.parseDouble(first.substring(first.lastIndexOf(" = ") + 3));
    }

    @ParameterizedTest
    @CsvSource({
        // expr, order, value, file
        "sphere, 0, 2.0, sphere",
        "sphere, 1, 2.0, sphere-d1",
        "matyas, 1, 0.04, matyas-d1",
        "goldstein, 1, -5376.0, goldstein-d1",
        "goldstein, 0, 1876.0, goldstein",
        "tanh, 1, 0.41997434161402614, tanh-d1",
    })
    void writesTheDotGraphAndPrintsTheValue(String expr, int order, double expected, String file) throws IOException {
        Cli r = Cli.run("graph", "--expr", expr, "--order", Integer.toString(order), "--out", tmp.toString(),
                "--dot", tmp.resolve("no-such-dot").toString()).expect(0);
        assertEquals(expected, value(r.out), 1e-12, r.out);
        String dot = Files.readString(tmp.resolve(file + ".dot"));
        assertTrue(dot.startsWith("digraph g {") && dot.endsWith("}"), dot);
        assertTrue(dot.contains(order == 0 ? (expr.equals("tanh") ? "label=\"y\"" : "label=\"z\"")
                : "label=\"gx" + order + "\""), dot);
        assertTrue(dot.contains("label=\"x\""), dot);
        assertTrue(r.out.contains("no image") && r.out.contains("Install Graphviz"), r.out);
    }

    @Test
    void tanhSecondDerivativeAsInStep35() throws IOException {
        Cli r = Cli.run("graph", "--expr", "tanh", "--order", "2", "--out", tmp.toString(),
                "--dot", tmp.resolve("no-such-dot").toString()).expect(0);
        double t = Math.tanh(1.0);
        assertEquals(-2 * t * (1 - t * t), value(r.out), 1e-15, r.out);
        String dot = Files.readString(tmp.resolve("tanh-d2.dot"));
        // the graph of the second derivative: Tanh, then the products of its derivative's derivative
        assertTrue(dot.contains("\"Tanh\"") && dot.contains("\"Mul\"") && dot.contains("label=\"gx2\""), dot);
        assertTrue(r.out.contains("(9 functions, 12 variables)"), r.out);
    }

    @Test
    void rendersThroughGraphvizWhenItIsThere() throws IOException {
        // a stand-in for Graphviz's dot: answers -V and copies the DOT input to the -o file
        Path fake = tmp.resolve("fake-dot");
        Files.writeString(fake, "#!/bin/sh\n[ \"$1\" = \"-V\" ] && exit 0\n"
                + "[ \"$2\" = \"-T\" ] && [ \"$4\" = \"-o\" ] || exit 3\necho \"$3\" > \"$5.format\"\ncp \"$1\" \"$5\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path out = tmp.resolve("out");
        Cli r = Cli.run("graph", "--expr", "goldstein", "--format", "svg", "--verbose", "--out", out.toString(),
                "--dot", fake.toString()).expect(0);
        assertTrue(r.out.contains("wrote " + out.resolve("goldstein.svg")), r.out);
        assertFalse(r.out.contains("no image"), r.out);
        assertEquals(Files.readString(out.resolve("goldstein.dot")), Files.readString(out.resolve("goldstein.svg")));
        assertEquals("svg", Files.readString(out.resolve("goldstein.svg.format")).trim());
        // --verbose: shapes and dtypes in the labels
        assertTrue(Files.readString(out.resolve("goldstein.dot")).contains("() float64"));
    }

    @Test
    void badFormatIsAUsageError() {
        Cli r = Cli.run("graph", "--format", "png; rm -rf /", "--out", tmp.toString()).expect(2);
        assertTrue(r.err.contains("--format"), r.err);
    }
}
