package dezero.examples;

import picocli.CommandLine.Command;

/** {@code dezero train <dataset>}: the parent of the training commands. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains an MLP classifier with a progress bar, prints the final loss and accuracy and"
                + " writes plots (PNG).",
        subcommands = {SpiralCommand.class, DigitsCommand.class, MnistCommand.class},
        footer = {"", "Run 'dezero train <dataset> --help' for the options of each dataset."})
final class TrainCommand {
}
