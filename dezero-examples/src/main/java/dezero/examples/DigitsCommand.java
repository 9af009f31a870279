package dezero.examples;

import dezero.data.Digits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code dezero train digits}: the UCI handwritten digits shipped in the jar (1,437 training and 360
 * test images of 8×8 pixels), an MLP with 100 ReLU hidden units trained by Adam.
 */
@Command(name = "digits", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TrainOptions.Defaults.class,
        description = {"Trains an MLP on the handwritten digits shipped in the jar (UCI Optical Recognition of"
                + " Handwritten Digits: 1,437 training and 360 test images of 8x8 pixels). No download.",
            "Writes <out>/digits-loss.png (loss and accuracy per epoch, training and test) and"
                + " <out>/digits-predictions.png (test images with the predicted digits)."})
final class DigitsCommand extends TrainOptions {
    @Override
    Map<String, String> defaults() {
        Map<String, String> d = new HashMap<>(common());
        d.put("epochs", "30");
        d.put("batch-size", "32");
        d.put("lr", "0.001");
        d.put("hidden", "100");
        d.put("activation", "relu");
        d.put("optimizer", "adam");
        d.put("seed", "0");
        return d;
    }

    @Override
    Trainer.Data loadData() {
        return new Trainer.Data(new Digits(true), new Digits(false), 10);
    }

    @Override
    void extraPlots(Trainer trainer, List<Path> written) throws IOException {
        Path p = out.resolve("digits-predictions.png");
        Plots.predictions(trainer.model(), trainer.data().test(), 8, 50,
                String.format(Locale.ROOT, "Digits: predictions on the first 50 test images (test accuracy %.1f %%)",
                        100 * trainer.history().lastTestAcc()), p);
        written.add(p);
    }
}
