package dezero.examples;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every training command shares. Each dataset's command gives its own defaults through
 * {@link #defaults()} (shown by {@code --help}).
 */
abstract class TrainOptions implements Callable<Integer> {
    enum Dtype { float32, float64 }

    enum Optim { sgd, momentum, adagrad, adam, adamw }

    enum Activation { sigmoid, relu, tanh }

    enum Progress { auto, bar, lines, none }

    @Spec
    CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", description = "Number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--hidden", paramLabel = "N", split = ",",
            description = "Sizes of the hidden layers, comma-separated (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "FN",
            description = "Activation between the layers: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Activation activation;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "Optimizer: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Optim optimizer;

    @Option(names = "--seed", paramLabel = "N|none",
            description = {"Seed the global RandomState with N after loading the data (it draws the initial weights and"
                    + " the order of the batches); none keeps the stream as the dataset left it (default: ${DEFAULT-VALUE})."})
    String seed;

    @Option(names = "--dtype", paramLabel = "TYPE",
            description = "Floating-point type of the model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Dtype dtype;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the plots (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--save", paramLabel = "FILE",
            description = {"Save the weights to FILE (.npz, DeZero's keys) after every epoch, and the training state"
                    + " (weights, optimizer state, loss history) beside it as FILE's name with .state.npz."})
    Path save;

    @Option(names = "--resume",
            description = "Continue the training saved with --save FILE (restores weights, optimizer state and"
                    + " history) up to --epochs epochs in total.")
    boolean resume;

    @Option(names = "--no-plots", negatable = false, description = "Do not write the PNG plots.")
    boolean noPlots;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "Progress display: bar (progress bar on stderr), lines (a line every few epochs), none,"
                    + " or auto (bar on a terminal, else lines); default: ${DEFAULT-VALUE}.")
    Progress progress;

    /** This command's defaults by option name (without dashes); every option above has one. */
    abstract Map<String, String> defaults();

    /** The default value provider: {@link #defaults()} of the command's user object. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec argSpec) {
            if (!(argSpec instanceof OptionSpec)) {
                return null;
            }
            Object user = argSpec.command().userObject();
            if (!(user instanceof TrainOptions)) {
                return null;
            }
            String name = ((OptionSpec) argSpec).longestName().replaceFirst("^--", "");
            Map<String, String> d = ((TrainOptions) user).defaults();
            return d.get(name);
        }
    }

    /** Common defaults; a dataset's {@link #defaults()} overrides what it needs. */
    static Map<String, String> common() {
        return Map.of("out", "dezero-out", "progress", "auto", "dtype", "float32");
    }

    @Override
    public final Integer call() throws Exception {
        return new Trainer(this, spec.commandLine()).run();
    }

    /** The name of the dataset (the subcommand's name). */
    final String datasetName() {
        return spec.name();
    }

    /** Loads the data: training set, test set (may be {@code null}), number of classes. */
    abstract Trainer.Data loadData() throws Exception;

    /** Extra plots after training (the spiral's decision boundary); nothing by default. */
    void extraPlots(Trainer trainer, java.util.List<Path> written) throws java.io.IOException {
    }
}
