package dezero.examples;

import dezero.data.Digits;
import java.util.HashMap;
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
            "Writes <out>/digits-loss.png (loss and accuracy per epoch, training and test)."})
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
        return new Trainer.Data(new Digits(true), new Digits(false), 10, null);
    }
}
