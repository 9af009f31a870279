package dezero.examples;

import dezero.data.Spiral;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code dezero train spiral}: the book's step 48, an MLP with 10 sigmoid hidden units trained by
 * SGD (lr 1.0, batch 30, 300 epochs) on the 300 points of the three-armed spiral.
 */
@Command(name = "spiral", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TrainOptions.Defaults.class,
        description = {"Trains the book's spiral classifier (step 48): 300 points of 3 interleaved spiral arms,"
                + " an MLP 2-10-3 with sigmoid, SGD. No download.",
            "Writes <out>/spiral-loss.png (loss and accuracy per epoch) and <out>/spiral-boundary.png (the"
                + " decision regions and the points)."})
final class SpiralCommand extends TrainOptions {
    @Override
    Map<String, String> defaults() {
        Map<String, String> d = new HashMap<>(common());
        d.put("epochs", "300");
        d.put("batch-size", "30");
        d.put("lr", "1.0");
        d.put("hidden", "10");
        d.put("activation", "sigmoid");
        d.put("optimizer", "sgd");
        d.put("seed", "none");
        return d;
    }

    @Override
    Trainer.Data loadData() {
        // as the book: get_spiral(train=True) seeds the global stream, which then draws the weights and
        // the order of the batches
        Spiral train = new Spiral(true);
        return new Trainer.Data(train, null, 3);
    }

    @Override
    void extraPlots(Trainer trainer, List<Path> written) throws IOException {
        Path p = out.resolve("spiral-boundary.png");
        Plots.decisionBoundary(trainer.model(), trainer.data().train(), 3,
                String.format(java.util.Locale.ROOT, "Spiral: decision regions after %d epochs (training accuracy %.1f %%)",
                        trainer.history().epochs(), 100 * trainer.finalTrainAccuracy()), p);
        written.add(p);
    }
}
