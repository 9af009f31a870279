package dezero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.functions.F;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "Autodiff in a few lines", statement for statement; each {@code System.out.println}
 * there is an assertion of the printed text here.
 */
class ReadmeExampleTest {
    @Test
    void autodiffInAFewLines() {
        Variable x = Variable.of(0.5);
        Variable y = F.square(F.exp(F.square(x)));
        y.backward();
        assertEquals("variable(3.297442541400256)", x.grad().toString());

        Variable a = Variable.of(new double[] {1, 2});
        Variable w = Variable.of(new double[] {3, 4});
        Variable z = a.mul(w).add(0.5).pow(2).sum();
        assertEquals(84.5, z.data().item());
        z.backward();
        assertEquals("variable([ 7. 34.])", w.grad().toString());

        try (var g = Config.noGrad()) {
            Variable p = F.tanh(a.mul(w));
            assertNull(p.creator());
        }
        assertTrue(Config.isGradEnabled());

        Variable t = Variable.of(2.0);
        Variable u = t.pow(2);
        u.backward(Backward.CREATE_GRAPH);
        Variable gt = t.grad();
        assertEquals(4.0, gt.data().item());
        assertNotNull(gt.creator(), "recorded with CREATE_GRAPH");
        t.clearGrad();
        gt.pow(3).add(u).backward();
        assertEquals("variable(100.0)", t.grad().toString());

        var r = Autodiff.jvp(F::tanh, x, Variable.of(1.0));
        assertEquals("variable(0.46211715726000974) variable(0.7864477329659274)", r.value() + " " + r.tangent());
    }

    /** The README shows the numbers asserted above (run from the module directory, as Maven does). */
    @Test
    void theReadmeShowsTheseNumbers() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("## Autodiff in a few lines");
        assertTrue(start >= 0, "README has the section");
        String section = text.substring(start, text.indexOf("\n## ", start + 1));
        for (String shown : new String[] {"Variable.of(0.5)", "F.square(F.exp(F.square(x)))",
            "// variable(3.297442541400256)", "a.mul(w).add(0.5).pow(2).sum()", "= 84.5", "// variable([ 7. 34.])",
            "Config.noGrad()", "u.backward(Backward.CREATE_GRAPH)", "gt.pow(3).add(u).backward()",
            "// variable(100.0)", "Autodiff.jvp(F::tanh, x, Variable.of(1.0))",
            "// variable(0.46211715726000974) variable(0.7864477329659274)"}) {
            assertTrue(section.contains(shown), () -> "README section lacks '" + shown + "'");
        }
        // every statement of the README's snippet (printing aside) is in the test above, verbatim
        String code = section.substring(section.indexOf("```java") + 7, section.indexOf("```", section.indexOf("```java") + 7));
        String test = Files.readString(Path.of("src", "test", "java", "dezero", "ReadmeExampleTest.java"));
        int statements = 0;
        for (String line : code.split("\n")) {
            int comment = line.indexOf("//");
            String stmt = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (stmt.isEmpty() || stmt.startsWith("import ") || stmt.startsWith("System.out.println")) {
                continue;
            }
            statements++;
            assertTrue(test.contains(stmt), () -> "the test does not run the README's '" + stmt + "'");
        }
        assertEquals(17, statements);
    }
}
