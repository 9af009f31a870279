package dezero.examples;

import dezero.Backward;
import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.NdArray;
import dezero.utils.Graphs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dezero graph}: the computational graph of one of the book's expressions, or of its n-th
 * derivative (steps 26 and 35), as Graphviz DOT text and, when Graphviz is installed, as an image.
 */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the computational graph of an expression or of its n-th derivative as Graphviz DOT,"
                + " and renders it (PNG by default) when Graphviz's dot is installed.",
            "Expressions: tanh(x) at x = 1 (step 35), and at (x, y) = (1, 1) (step 26): sphere = x² + y²,"
                + " matyas = 0.26(x² + y²) - 0.48xy, goldstein = Goldstein-Price. Derivatives are taken"
                + " with respect to x."},
        footer = {"", "Example: dezero graph --expr tanh --order 2   (writes dezero-out/tanh-d2.dot and .png)"})
final class GraphCommand implements Callable<Integer> {
    enum Expr { tanh, sphere, matyas, goldstein }

    @Spec
    CommandSpec spec;

    @Option(names = "--expr", paramLabel = "EXPR", defaultValue = "tanh",
            description = "The expression: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Expr expr;

    @Option(names = "--order", paramLabel = "N", defaultValue = "0",
            description = "Draw the graph of the N-th derivative (0: the expression itself; default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = {"-v", "--verbose"}, description = "Show each variable's shape and dtype in its label.")
    boolean verbose;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "png",
            description = "The image format Graphviz writes: png, svg, pdf, ... (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "dezero-out",
            description = "The directory to write into (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dot", paramLabel = "PATH", defaultValue = "dot",
            description = "The Graphviz executable (default: ${DEFAULT-VALUE}, looked up on the PATH).")
    String dotExecutable;

    /** The variable whose graph is drawn, and the value it holds, with a description. */
    record Result(Variable variable, String description) {
    }

    @Override
    public Integer call() throws IOException {
        if (order < 0) {
            throw new ParameterException(spec.commandLine(), "--order must be 0 or more, got " + order);
        }
        if (!format.matches("[A-Za-z0-9]+")) {
            throw new ParameterException(spec.commandLine(), "--format must be a Graphviz output format such as"
                    + " png or svg, got '" + format + "'");
        }
        PrintWriter pw = spec.commandLine().getOut();
        Result r = build(expr, order);
        String base = order == 0 ? expr.name() : expr.name() + "-d" + order;
        Files.createDirectories(out);
        String dot = Graphs.dotGraph(r.variable(), verbose);
        Path dotFile = out.resolve(base + ".dot");
        Files.write(dotFile, dot.getBytes(StandardCharsets.UTF_8));
        pw.println(r.description() + " = " + r.variable().data());
        pw.printf(Locale.ROOT, "wrote %s (%d functions, %d variables)%n", dotFile, count(dot, "shape=box"),
                count(dot, "color=orange"));
        String missing = graphvizMissing(dotExecutable);
        if (missing != null) {
            pw.println("no image: " + missing + ". Install Graphviz (https://graphviz.org, e.g. apt-get install"
                    + " graphviz) and run this again, or render the DOT file yourself: dot -T" + format + " "
                    + dotFile + " -o " + out.resolve(base + "." + format));
        } else {
            Path image = out.resolve(base + "." + format.toLowerCase(Locale.ROOT));
            Graphs.plotDotGraph(r.variable(), verbose, image, dotExecutable);
            pw.println("wrote " + image);
        }
        pw.flush();
        return 0;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Why Graphviz cannot be run, or {@code null} when {@code dot -V} works. */
    static String graphvizMissing(String dotExecutable) {
        try {
            Process p = new ProcessBuilder(dotExecutable, "-V").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "Graphviz '" + dotExecutable + "' did not answer to -V";
            }
            return p.exitValue() == 0 ? null : "Graphviz '" + dotExecutable + "' -V failed (exit code "
                    + p.exitValue() + ")";
        } catch (IOException e) {
            return "Graphviz's '" + dotExecutable + "' was not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for Graphviz";
        }
    }

    /** The expression (order 0) or its {@code order}-th derivative with respect to x, with its graph. */
    static Result build(Expr expr, int order) {
        Variable x = new Variable(NdArray.of(1.0), "x");
        Variable y = new Variable(NdArray.of(1.0), "y");
        Variable z;
        String at;
        switch (expr) {
            case tanh:
                z = F.tanh(x);
                at = " at x = 1";
                break;
            case sphere:
                z = x.pow(2).add(y.pow(2));
                at = " at (x, y) = (1, 1)";
                break;
            case matyas:
                z = x.pow(2).add(y.pow(2)).mul(0.26).sub(x.mul(y).mul(0.48));
                at = " at (x, y) = (1, 1)";
                break;
            case goldstein:
                z = goldstein(x, y);
                at = " at (x, y) = (1, 1)";
                break;
            default:
                throw new AssertionError(expr);
        }
        z.setName(expr == Expr.tanh ? "y" : "z");
        if (order == 0) {
            return new Result(z, expr + at);
        }
        z.backward(Backward.CREATE_GRAPH);
        for (int i = 1; i < order; i++) {
            Variable gx = x.grad();
            x.clearGrad();
            y.clearGrad();
            gx.backward(Backward.CREATE_GRAPH);
        }
        Variable gx = x.grad();
        gx.setName("gx" + order);
        String what = order == 1 ? "d" : "d^" + order;
        String wrt = order == 1 ? "dx" : "dx^" + order;
        return new Result(gx, what + " " + expr + " / " + wrt + at);
    }

    /** The Goldstein-Price function. */
    static Variable goldstein(Variable x, Variable y) {
        Variable s = x.add(y).add(1.0).pow(2);
        Variable p = x.mul(-14.0).add(19.0).add(x.pow(2).mul(3.0)).sub(y.mul(14.0)).add(x.mul(y).mul(6.0))
                .add(y.pow(2).mul(3.0));
        Variable t = x.mul(2.0).sub(y.mul(3.0)).pow(2);
        Variable q = x.mul(-32.0).add(18.0).add(x.pow(2).mul(12.0)).add(y.mul(48.0)).sub(x.mul(y).mul(36.0))
                .add(y.pow(2).mul(27.0));
        return s.mul(p).add(1.0).mul(t.mul(q).add(30.0));
    }
}
