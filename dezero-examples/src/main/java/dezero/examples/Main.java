package dezero.examples;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line program {@code ./dezero}: trains the book's models with a progress bar and plots,
 * draws computational graphs, and replays the first steps of the book.
 *
 * <pre>
 * ./dezero train spiral            # the book's spiral MLP, plots into dezero-out/
 * ./dezero train digits            # the digits shipped in the jar
 * ./dezero graph --expr tanh --order 2
 * ./dezero seed                    # steps 1-10 and their numbers
 * </pre>
 */
@Command(name = "dezero", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "DeZero for the JVM: train the book's models, draw computational graphs, replay the first steps.",
        subcommands = {TrainCommand.class, GraphCommand.class, SeedCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  dezero train spiral", "  dezero train digits --epochs 20 --save digits.npz",
                "  dezero graph --expr tanh --order 2", "  dezero seed"})
public final class Main {
    /** Exit code for a run that failed for a reason the user can fix (missing data, bad file). */
    static final int EXIT_FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the program with {@code args} on standard output and error, returning the exit code. */
    static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The configured command line: usage errors print the message and the usage (exit code 2); the
     * errors a user can fix (missing dataset, unreadable file, bad value) print one clear message
     * (exit code 1) instead of a stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            // always the message and the usage (picocli leaves the usage out when it has suggestions)
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println(c.getColorScheme().errorText(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            c.usage(err, c.getColorScheme());
            err.flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof FileNotFoundException || ex instanceof UserError) {
                err.println(line.getColorScheme().errorText("dezero: " + ex.getMessage()));
            } else if (ex instanceof IOException || ex instanceof UncheckedIOException
                    || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
                err.println(line.getColorScheme().errorText("dezero: " + describe(ex)));
            } else {
                throw ex;
            }
            err.flush();
            return EXIT_FAILURE;
        });
        return cl;
    }

    private static String describe(Exception ex) {
        String m = ex.getMessage();
        return m == null ? ex.getClass().getSimpleName() : m;
    }

    /** An error the user can fix, reported as its message only. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }

        UserError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code --version}: the program's version and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dezero " + (v == null ? "(development build)" : v),
                String.format(Locale.ROOT, "Java %s (%s), Vector API %s", System.getProperty("java.version"),
                        System.getProperty("java.vm.name"),
                        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "on" : "off")};
        }
    }
}
