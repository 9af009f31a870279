package dezero.examples;

import dezero.data.MNIST;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dezero train mnist}: MNIST from the IDX files in a directory (or downloaded), an MLP with
 * 100 ReLU hidden units trained by Adam (the book's step 51 uses 1000 hidden units: --hidden 1000).
 */
@Command(name = "mnist", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TrainOptions.Defaults.class,
        description = {"Trains an MLP on MNIST (60,000 training and 10,000 test images of 28x28 pixels) read from"
                + " the IDX files (gzip or not) in --data DIR, or downloaded with --download.",
            "Writes <out>/mnist-loss.png (loss and accuracy per epoch, training and test) and"
                + " <out>/mnist-predictions.png (test images with the predicted digits)."})
final class MnistCommand extends TrainOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "The directory with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                    + " t10k-labels-idx1-ubyte (each may end in .gz); default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--download", description = "Download the missing files into --data DIR first.")
    boolean download;

    @Option(names = "--url", paramLabel = "URL",
            description = "The base URL --download fetches <name>.gz from (default: ${DEFAULT-VALUE}).")
    String url;

    @Override
    Map<String, String> defaults() {
        Map<String, String> d = new HashMap<>(common());
        d.put("epochs", "5");
        d.put("batch-size", "100");
        d.put("lr", "0.001");
        d.put("hidden", "100");
        d.put("activation", "relu");
        d.put("optimizer", "adam");
        d.put("seed", "0");
        d.put("data", MNIST.defaultCacheDir().toString());
        d.put("url", MNIST.DEFAULT_BASE_URL);
        return d;
    }

    @Override
    Trainer.Data loadData() throws Exception {
        if (download) {
            MNIST.download(url, data, true);
            MNIST.download(url, data, false);
        }
        try {
            return new Trainer.Data(MNIST.load(data, true), MNIST.load(data, false), 10);
        } catch (FileNotFoundException e) {
            String hint = download || data.toAbsolutePath().equals(MNIST.defaultCacheDir().toAbsolutePath()) ? ""
                    : "\nTo download them into " + data + ": dezero train mnist --download --data " + data;
            throw new Main.UserError(e.getMessage() + hint, e);
        }
    }

    @Override
    void extraPlots(Trainer trainer, List<Path> written) throws IOException {
        Path p = out.resolve("mnist-predictions.png");
        Plots.predictions(trainer.model(), trainer.data().test(), 28, 50,
                String.format(Locale.ROOT, "MNIST: predictions on the first 50 test images (test accuracy %.1f %%)",
                        100 * trainer.history().lastTestAcc()), p);
        written.add(p);
    }
}
