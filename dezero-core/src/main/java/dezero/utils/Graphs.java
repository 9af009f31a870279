package dezero.utils;

import dezero.Function;
import dezero.Variable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The computational graph behind a variable as Graphviz DOT text (DeZero's {@code get_dot_graph}
 * and {@code plot_dot_graph}): variables are orange ellipses, functions light-blue boxes.
 *
 * <pre>{@code
 * String dot = Graphs.dotGraph(y, true);
 * Graphs.plotDotGraph(y, true, Path.of("graph.png"));   // needs Graphviz's dot on the PATH
 * }</pre>
 */
public final class Graphs {
    private Graphs() {
    }

    /**
     * The DOT text of every function and variable that {@code output} depends on. Nodes are numbered
     * in the order they are found walking back from {@code output} (so the text is reproducible).
     * With {@code verbose}, variable labels also show the shape and dtype.
     */
    public static String dotGraph(Variable output, boolean verbose) {
        StringBuilder sb = new StringBuilder("digraph g {\n");
        Map<Object, Integer> ids = new IdentityHashMap<>();
        appendVar(sb, ids, output, verbose);
        // functions to visit, each with the outputs through which it was reached (a function of one output
        // does not refer to it; a function of several outputs also knows those still alive)
        ArrayDeque<Function> todo = new ArrayDeque<>();
        Map<Function, List<Variable>> reached = new IdentityHashMap<>();
        Map<Function, Boolean> done = new IdentityHashMap<>();
        discover(output, todo, reached, done, sb, ids);
        while (!todo.isEmpty()) {
            Function f = todo.pop();
            int fid = id(ids, f);
            sb.append(fid).append(" [label=\"").append(escape(f.name()))
                    .append("\", color=lightblue, style=filled, shape=box]\n");
            List<Variable> inputs = f.inputs();
            for (Variable x : inputs) {
                appendVar(sb, ids, x, verbose);
                sb.append(id(ids, x)).append(" -> ").append(fid).append('\n');
            }
            List<Variable> outs = reached.get(f);
            for (Variable y : f.outputs()) {
                if (!containsIdentity(outs, y)) {
                    outs.add(y);
                }
            }
            for (Variable y : outs) {
                appendVar(sb, ids, y, verbose);
                sb.append(fid).append(" -> ").append(id(ids, y)).append('\n');
            }
            done.put(f, Boolean.TRUE);
            List<Function> next = new ArrayList<>();
            for (Variable x : inputs) {
                Function c = discover(x, null, reached, done, sb, ids);
                if (c != null) {
                    next.add(c);
                }
            }
            for (int i = next.size() - 1; i >= 0; i--) {
                todo.push(next.get(i));
            }
        }
        return sb.append('}').toString();
    }

    /**
     * Notes that {@code v} is an output of its creator. Returns the creator when it is met for the first
     * time (and pushes it when {@code todo} is given); an output found after its function was written
     * gets its edge at once.
     */
    private static Function discover(Variable v, ArrayDeque<Function> todo, Map<Function, List<Variable>> reached,
            Map<Function, Boolean> done, StringBuilder sb, Map<Object, Integer> ids) {
        Function c = v.creator();
        if (c == null) {
            return null;
        }
        List<Variable> outs = reached.get(c);
        if (outs == null) {
            outs = new ArrayList<>();
            outs.add(v);
            reached.put(c, outs);
            if (todo != null) {
                todo.push(c);
            }
            return c;
        }
        if (!containsIdentity(outs, v)) {
            outs.add(v);
            if (done.containsKey(c)) {
                sb.append(id(ids, c)).append(" -> ").append(id(ids, v)).append('\n');
            }
        }
        return null;
    }

    private static boolean containsIdentity(List<Variable> l, Variable v) {
        for (Variable u : l) {
            if (u == v) {
                return true;
            }
        }
        return false;
    }

    private static int id(Map<Object, Integer> ids, Object o) {
        Integer i = ids.get(o);
        if (i == null) {
            i = ids.size() + 1;
            ids.put(o, i);
        }
        return i;
    }

    /** Declares a variable node the first time it is met. */
    private static void appendVar(StringBuilder sb, Map<Object, Integer> ids, Variable v, boolean verbose) {
        if (ids.containsKey(v)) {
            return;
        }
        int id = id(ids, v);
        String label = v.name() == null ? "" : v.name();
        if (verbose && v.data() != null) {
            if (v.name() != null) {
                label += ": ";
            }
            label += v.shape() + " " + v.dtype();
        }
        sb.append(id).append(" [label=\"").append(escape(label)).append("\", color=orange, style=filled]\n");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * Renders the graph of {@code output} to {@code toFile} with Graphviz's {@code dot} (found on the
     * PATH); the output format is the file's extension ({@code png}, {@code svg}, {@code pdf}, ...).
     *
     * @throws IllegalStateException if {@code dot} cannot be run or fails
     */
    public static void plotDotGraph(Variable output, boolean verbose, Path toFile) {
        plotDotGraph(output, verbose, toFile, "dot");
    }

    /** {@link #plotDotGraph(Variable, boolean, Path)} with the {@code dot} executable given explicitly. */
    public static void plotDotGraph(Variable output, boolean verbose, Path toFile, String dotExecutable) {
        String name = toFile.getFileName().toString();
        int dotPos = name.lastIndexOf('.');
        if (dotPos < 0 || dotPos == name.length() - 1) {
            throw new IllegalArgumentException("plotDotGraph: cannot tell the image format of '" + toFile
                    + "': give the file an extension such as .png or .svg");
        }
        String format = name.substring(dotPos + 1);
        String text = dotGraph(output, verbose);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("dezero-graph", ".dot");
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
            Process p;
            try {
                p = new ProcessBuilder(dotExecutable, tmp.toString(), "-T", format, "-o", toFile.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("plotDotGraph: cannot run Graphviz '" + dotExecutable + "' ("
                        + e.getMessage() + "); install Graphviz (https://graphviz.org, e.g. apt-get install graphviz)"
                        + " or render the text of Graphs.dotGraph yourself", e);
            }
            String out = readAll(p.getInputStream());
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException("plotDotGraph: '" + dotExecutable + "' failed with exit code " + rc
                        + ": " + out.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("plotDotGraph: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("plotDotGraph: interrupted while waiting for '" + dotExecutable + "'", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is left behind; nothing else to do
                }
            }
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
