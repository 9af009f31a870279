package dezero.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.NdArray;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphsTest {
    @Test
    void dotTextOfASmallGraph() {
        Variable x = new Variable(NdArray.of(new double[] {1, 2}), "x");
        Variable w = new Variable(NdArray.of(new double[] {3, 4}), "w");
        Variable y = F.tanh(x.mul(w));
        y.setName("y");
        String expected = "digraph g {\n"
                + "1 [label=\"y: (2,) float64\", color=orange, style=filled]\n"
                + "2 [label=\"Tanh\", color=lightblue, style=filled, shape=box]\n"
                + "3 [label=\"(2,) float64\", color=orange, style=filled]\n"
                + "3 -> 2\n"
                + "2 -> 1\n"
                + "4 [label=\"Mul\", color=lightblue, style=filled, shape=box]\n"
                + "5 [label=\"x: (2,) float64\", color=orange, style=filled]\n"
                + "5 -> 4\n"
                + "6 [label=\"w: (2,) float64\", color=orange, style=filled]\n"
                + "6 -> 4\n"
                + "4 -> 3\n"
                + "}";
        assertEquals(expected, Graphs.dotGraph(y, true));
        String terse = Graphs.dotGraph(y, false);
        assertTrue(terse.contains("1 [label=\"y\", color=orange, style=filled]\n"), terse);
        assertTrue(terse.contains("3 [label=\"\", color=orange, style=filled]\n"), terse);
    }

    @Test
    void sharedInputsAppearOnce() {
        Variable x = new Variable(NdArray.of(2.0), "x");
        Variable y = x.mul(x).add(x);
        String dot = Graphs.dotGraph(y, false);
        assertEquals(1, dot.split("label=\"x\"", -1).length - 1, dot);
        assertEquals(2, dot.split("shape=box", -1).length - 1, dot);
        assertEquals(6, dot.split("->", -1).length - 1, dot); // x->Mul twice, Mul->t, t->Add, x->Add, Add->y
    }

    @Test
    void quotesInNamesAreEscaped() {
        Variable x = new Variable(NdArray.of(1.0), "say \"hi\"");
        assertEquals("digraph g {\n1 [label=\"say \\\"hi\\\"\", color=orange, style=filled]\n}",
                Graphs.dotGraph(x, false));
    }

    @Test
    void aClearErrorWhenDotIsMissing(@TempDir Path dir) {
        Variable y = F.exp(new Variable(NdArray.of(1.0)));
        Path out = dir.resolve("g.png");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Graphs.plotDotGraph(y, true, out, dir.resolve("no-such-dot").toString()));
        assertTrue(e.getMessage().startsWith("plotDotGraph: cannot run Graphviz '"), e.getMessage());
        assertTrue(e.getMessage().contains("install Graphviz"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void theImageFormatComesFromTheExtension(@TempDir Path dir) {
        Variable y = new Variable(NdArray.of(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Graphs.plotDotGraph(y, true, dir.resolve("graph")));
        assertTrue(e.getMessage().contains("extension"), e.getMessage());
    }

    /** (x + y, x * y): a function of two outputs. */
    static final class SumAndProduct extends dezero.Function {
        @Override
        protected NdArray[] forward(NdArray... xs) {
            return new NdArray[] {xs[0].add(xs[1]), xs[0].mul(xs[1])};
        }

        @Override
        protected Variable[] backward(Variable... gys) {
            return new Variable[] {gys[0].add(gys[1].mul(input(1))), gys[0].add(gys[1].mul(input(0)))};
        }
    }

    @Test
    void everyOutputOfAFunctionOfSeveralOutputsIsShown() {
        Variable a = new Variable(NdArray.of(1.0), "a");
        Variable b = new Variable(NdArray.of(2.0), "b");
        Variable[] sp = new SumAndProduct().apply(a, b);
        sp[0].setName("s");
        sp[1].setName("p");
        Variable z = sp[1].mul(3.0);
        z.setName("z");
        String dot = Graphs.dotGraph(z, false);
        assertEquals("digraph g {\n"
                + "1 [label=\"z\", color=orange, style=filled]\n"
                + "2 [label=\"Mul\", color=lightblue, style=filled, shape=box]\n"
                + "3 [label=\"p\", color=orange, style=filled]\n"
                + "3 -> 2\n"
                + "2 -> 1\n"
                + "4 [label=\"SumAndProduct\", color=lightblue, style=filled, shape=box]\n"
                + "5 [label=\"a\", color=orange, style=filled]\n"
                + "5 -> 4\n"
                + "6 [label=\"b\", color=orange, style=filled]\n"
                + "6 -> 4\n"
                + "4 -> 3\n"
                + "7 [label=\"s\", color=orange, style=filled]\n"
                + "4 -> 7\n"
                + "}", dot);
    }
}
