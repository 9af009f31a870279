package dezero.examples;

import dezero.Config;
import dezero.Variable;
import dezero.data.Batch;
import dezero.data.DataLoader;
import dezero.data.Dataset;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Npy;
import dezero.ndarray.RandomState;
import dezero.models.MLP;
import dezero.optimizers.AdaGrad;
import dezero.optimizers.Adam;
import dezero.optimizers.AdamW;
import dezero.optimizers.MomentumSGD;
import dezero.optimizers.Optimizer;
import dezero.optimizers.SGD;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * One training run of an MLP classifier with softmax cross entropy, as the book's steps 48-51:
 * mini-batches from a {@link DataLoader}, {@code clearGrads}, {@code backward}, {@code update}; the
 * mean loss and accuracy of each epoch; the test figures after each epoch; checkpoints for
 * {@code --resume}; plots at the end.
 *
 * <p>Random numbers come from the global {@link RandomState}, in DeZero's order: the dataset (the
 * spiral seeds the stream), {@code --seed}, the loader's first permutation, the initial weights at
 * the first forward pass, then one permutation per epoch. A resumed run replays these draws (without
 * training) before loading the saved state, so it continues exactly as the uninterrupted run.
 */
final class Trainer {
    /** The data of a run: the training set, the test set ({@code null} if none), the number of classes. */
    record Data(Dataset train, Dataset test, int classes) {
    }

    private static final String MODEL = "model/";
    private static final String OPTIMIZER = "optimizer/";
    private static final String HISTORY = "history/";
    private static final int EVAL_BATCH = 1000;

    private final TrainOptions o;
    private final CommandLine cl;
    private final PrintWriter out;
    private Data data;
    private MLP model;
    private Optimizer optimizer;
    private DType dtype;
    private History history = new History();
    /** Loss and accuracy of the trained model on the whole training set. */
    private double[] finalTrain;

    Trainer(TrainOptions options, CommandLine commandLine) {
        this.o = options;
        this.cl = commandLine;
        this.out = commandLine.getOut();
    }

    MLP model() {
        return model;
    }

    Data data() {
        return data;
    }

    History history() {
        return history;
    }

    /** The accuracy of the trained model on the whole training set. */
    double finalTrainAccuracy() {
        return finalTrain[1];
    }

    DType dtype() {
        return dtype;
    }

    int run() throws Exception {
        validate();
        Path statePath = o.save == null ? null : statePath(o.save);
        Map<String, NdArray> saved = null;
        if (o.resume) {
            if (!Files.exists(statePath)) {
                throw new Main.UserError("cannot resume: " + statePath + " does not exist (--save " + o.save
                        + " writes it; run once without --resume)");
            }
            saved = Npy.loadNpz(statePath);
        }

        dtype = o.dtype == TrainOptions.Dtype.float64 ? DType.FLOAT64 : DType.FLOAT32;
        data = o.loadData();
        if (!o.seed.equals("none")) {
            RandomState.seed(Long.parseLong(o.seed));
        }
        DataLoader loader = new DataLoader(data.train(), o.batchSize);
        int[] sizes = new int[o.hidden.length + 1];
        System.arraycopy(o.hidden, 0, sizes, 0, o.hidden.length);
        sizes[o.hidden.length] = data.classes();
        model = new MLP(sizes, activation(o.activation), dtype, null);
        optimizer = optimizer(o.optimizer, o.lr).setup(model);

        int start = 0;
        if (saved != null) {
            start = restore(saved, loader);
        }
        printHeader(start);

        try (Progress progress = Progress.open(o, out, start)) {
            for (int epoch = start + 1; epoch <= o.epochs; epoch++) {
                double[] train = trainEpoch(loader, epoch);
                double[] test = data.test() == null ? new double[] {Double.NaN, Double.NaN} : evaluate(data.test());
                history.add(train[0], train[1], test[0], test[1]);
                if (o.save != null) {
                    checkpoint(o.save, statePath);
                }
                progress.epochDone(epoch, history);
            }
        }

        finalTrain = evaluate(data.train());
        printSummary();
        List<Path> written = new ArrayList<>();
        if (!o.noPlots && history.epochs() > 0) {
            Files.createDirectories(o.out);
            Path p = o.out.resolve(o.datasetName() + "-loss.png");
            Plots.lossCurve(history, capitalize(o.datasetName()) + ": " + describeModel(), p);
            written.add(p);
            o.extraPlots(this, written);
        }
        for (Path p : written) {
            out.println("wrote " + p);
        }
        if (o.save != null && history.epochs() > 0) {
            out.println("saved the weights to " + o.save + " and the training state to " + statePath
                    + " (continue with --resume --save " + o.save + ")");
        }
        out.flush();
        return 0;
    }

    private void validate() {
        List<String> bad = new ArrayList<>();
        if (o.epochs < 0) {
            bad.add("--epochs must be 0 or more, got " + o.epochs);
        }
        if (o.batchSize <= 0) {
            bad.add("--batch-size must be positive, got " + o.batchSize);
        }
        if (!(o.lr > 0) || Double.isInfinite(o.lr)) {
            bad.add("--lr must be a positive number, got " + o.lr);
        }
        if (o.hidden.length == 0) {
            bad.add("--hidden needs at least one size");
        }
        for (int h : o.hidden) {
            if (h <= 0) {
                bad.add("--hidden sizes must be positive, got " + h);
                break;
            }
        }
        if (!o.seed.equals("none")) {
            try {
                long s = Long.parseLong(o.seed);
                if (s < 0 || s > 0xFFFFFFFFL) {
                    bad.add("--seed must be in 0..4294967295 or none, got " + o.seed);
                }
            } catch (NumberFormatException e) {
                bad.add("--seed must be a number or none, got '" + o.seed + "'");
            }
        }
        if (o.resume && o.save == null) {
            bad.add("--resume needs --save FILE (the run to continue, and where to keep saving it)");
        }
        if (!bad.isEmpty()) {
            throw new ParameterException(cl, String.join("; ", bad));
        }
    }

    /** {@code weights.npz} -> {@code weights.state.npz}. */
    static Path statePath(Path weights) {
        String name = weights.getFileName().toString();
        String base = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return weights.resolveSibling(base + ".state.npz");
    }

    private static UnaryOperator<Variable> activation(TrainOptions.Activation a) {
        switch (a) {
            case relu:
                return F::relu;
            case tanh:
                return F::tanh;
            default:
                return F::sigmoid;
        }
    }

    private static Optimizer optimizer(TrainOptions.Optim kind, double lr) {
        switch (kind) {
            case momentum:
                return new MomentumSGD(lr);
            case adagrad:
                return new AdaGrad(lr);
            case adam:
                return new Adam(lr);
            case adamw:
                return new AdamW(lr, 0.01);
            default:
                return new SGD(lr);
        }
    }

    /** One epoch of training: the mean loss and accuracy over its batches, weighted by batch size. */
    private double[] trainEpoch(DataLoader loader, int epoch) {
        double sumLoss = 0;
        double sumAcc = 0;
        int n = 0;
        for (Batch b : loader) {
            Variable x = new Variable(b.x().astype(dtype));
            Variable y = model.apply(x);
            Variable loss = F.softmaxCrossEntropy(y, b.t());
            model.clearGrads();
            loss.backward();
            optimizer.update();
            double l = loss.data().item();
            if (!Double.isFinite(l)) {
                throw new Main.UserError(String.format(Locale.ROOT, "the loss became %s in epoch %d: the training"
                        + " diverged; try a smaller --lr (now %s)", l, epoch, o.lr));
            }
            int m = b.size();
            sumLoss += l * m;
            sumAcc += F.accuracy(y, b.t()).data().item() * m;
            n += m;
        }
        return new double[] {sumLoss / n, sumAcc / n};
    }

    /** The mean loss and accuracy of the model on {@code ds}, without the graph, in test mode. */
    double[] evaluate(Dataset ds) {
        double sumLoss = 0;
        double sumAcc = 0;
        int n = ds.size();
        try (Config.Scope g = Config.noGrad(); Config.Scope t = Config.testMode()) {
            for (int s = 0; s < n; s += EVAL_BATCH) {
                int e = Math.min(n, s + EVAL_BATCH);
                int[] idx = new int[e - s];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = s + i;
                }
                Batch b = ds.batch(idx);
                Variable y = model.apply(new Variable(b.x().astype(dtype)));
                sumLoss += F.softmaxCrossEntropy(y, b.t()).data().item() * idx.length;
                sumAcc += F.accuracy(y, b.t()).data().item() * idx.length;
            }
        }
        return new double[] {sumLoss / n, sumAcc / n};
    }

    /** Draws the initial weights as the first training step would (one example, no graph). */
    private void initWeights() {
        try (Config.Scope g = Config.noGrad()) {
            model.apply(new Variable(data.train().batch(new int[] {0}).x().astype(dtype)));
        }
    }

    /**
     * Restores a saved run: replays the random draws of the epochs done (weights, permutations), then
     * loads the weights, the optimizer state and the history. Returns the number of epochs done.
     */
    private int restore(Map<String, NdArray> saved, DataLoader loader) {
        History h = History.from(saved, HISTORY);
        int done = h.epochs();
        initWeights();
        for (int e = 0; e < done; e++) {
            // each epoch draws the next epoch's order when it ends; consume the batches as training did
            for (Iterator<Batch> it = loader.iterator(); it.hasNext(); ) {
                it.next();
            }
        }
        Map<String, NdArray> weights = new LinkedHashMap<>();
        Map<String, NdArray> state = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : saved.entrySet()) {
            if (e.getKey().startsWith(MODEL)) {
                weights.put(e.getKey().substring(MODEL.length()), e.getValue());
            } else if (e.getKey().startsWith(OPTIMIZER)) {
                state.put(e.getKey().substring(OPTIMIZER.length()), e.getValue());
            }
        }
        try {
            model.loadWeights(weights);
            optimizer.loadState(state);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("cannot resume from " + statePath(o.save) + ": it was saved by a different"
                    + " model or optimizer (give the same --hidden, --activation, --optimizer and --dtype): "
                    + e.getMessage(), e);
        }
        history = h;
        return done;
    }

    /** Saves the weights (DeZero's format) and the whole training state (for --resume), each atomically. */
    private void checkpoint(Path weightsPath, Path statePath) throws IOException {
        Path dir = weightsPath.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        model.saveWeights(weightsPath);
        Map<String, NdArray> all = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : model.weights().entrySet()) {
            all.put(MODEL + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, NdArray> e : optimizer.stateDict().entrySet()) {
            all.put(OPTIMIZER + e.getKey(), e.getValue());
        }
        history.putInto(all, HISTORY);
        Npy.saveNpzCompressed(statePath, all);
    }

    String describeModel() {
        StringBuilder sb = new StringBuilder("MLP ");
        sb.append(inputSize());
        for (int h : o.hidden) {
            sb.append('-').append(h);
        }
        sb.append('-').append(data.classes()).append(' ').append(o.activation).append(", ").append(optimizerName(o.optimizer))
                .append(" lr ").append(fmtNumber(o.lr)).append(", batch ").append(o.batchSize).append(", ")
                .append(o.dtype);
        return sb.toString();
    }

    private static String optimizerName(TrainOptions.Optim kind) {
        switch (kind) {
            case momentum:
                return "MomentumSGD";
            case adagrad:
                return "AdaGrad";
            case adam:
                return "Adam";
            case adamw:
                return "AdamW";
            default:
                return "SGD";
        }
    }

    private int inputSize() {
        NdArray x = data.train().batch(new int[] {0}).x();
        return x.size();
    }

    private static String fmtNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private void printHeader(int start) {
        out.printf(Locale.ROOT, "%s: %d training examples%s; %s%n", o.datasetName(), data.train().size(),
                data.test() == null ? "" : ", " + data.test().size() + " test examples", describeModel());
        if (start > 0) {
            out.printf(Locale.ROOT, "resuming after epoch %d of %d (loss %.4f)%n", start, o.epochs,
                    history.lastLoss());
        }
        out.flush();
    }

    private void printSummary() {
        if (history.epochs() == 0) {
            out.println("no epoch was run (--epochs " + o.epochs + ")");
        } else {
            out.printf(Locale.ROOT, "epoch %d: mean loss %.4f over the epoch's batches%n", history.epochs(),
                    history.lastLoss());
        }
        out.printf(Locale.ROOT, "trained model: training loss %.4f, accuracy %.2f %%", finalTrain[0],
                100 * finalTrain[1]);
        if (data.test() != null) {
            double[] test = history.hasTest() ? new double[] {history.lastTestLoss(), history.lastTestAcc()}
                    : evaluate(data.test());
            out.printf(Locale.ROOT, "; test loss %.4f, test accuracy %.2f %%", test[0], 100 * test[1]);
        }
        out.println();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** How the epochs are shown: a progress bar, a line every few epochs, or nothing. */
    abstract static class Progress implements AutoCloseable {
        abstract void epochDone(int epoch, History h);

        @Override
        public void close() {
        }

        static Progress open(TrainOptions o, PrintWriter out, int start) {
            TrainOptions.Progress mode = o.progress;
            if (mode == TrainOptions.Progress.auto) {
                mode = isTerminal() ? TrainOptions.Progress.bar : TrainOptions.Progress.lines;
            }
            if (o.epochs <= start || mode == TrainOptions.Progress.none) {
                return new Progress() {
                    @Override
                    void epochDone(int epoch, History h) {
                    }
                };
            }
            if (mode == TrainOptions.Progress.lines) {
                return new Lines(out, o.epochs, start);
            }
            return new Bar(o.datasetName(), o.epochs, start);
        }

        static String figures(History h) {
            String s = String.format(Locale.ROOT, "loss %.4f acc %.1f%%", h.lastLoss(), 100 * h.lastAcc());
            if (h.hasTest()) {
                s += String.format(Locale.ROOT, " | test loss %.4f acc %.1f%%", h.lastTestLoss(),
                        100 * h.lastTestAcc());
            }
            return s;
        }
    }

    /** A line per tenth of the run (and for the first and last epoch). */
    static final class Lines extends Progress {
        private final PrintWriter out;
        private final int epochs;
        private final int every;
        private final int start;

        Lines(PrintWriter out, int epochs, int start) {
            this.out = out;
            this.epochs = epochs;
            this.every = Math.max(1, (epochs - start) / 10);
            this.start = start;
        }

        @Override
        void epochDone(int epoch, History h) {
            if (epoch == start + 1 || epoch == epochs || (epoch - start) % every == 0) {
                int w = Integer.toString(epochs).length();
                out.printf(Locale.ROOT, "epoch %" + w + "d/%d  %s%n", epoch, epochs, figures(h));
                out.flush();
            }
        }
    }

    /** The progressbar library's bar on standard error, with the last epoch's figures. */
    static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(String task, int epochs, int start) {
            PrintStream err = System.err;
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(epochs)
                    .setUnit(" epochs", 1)
                    .setStyle(utf8Terminal() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(100)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .startsFrom(start, Duration.ZERO)
                    .build();
            bar.setExtraMessage("starting");
        }

        @Override
        void epochDone(int epoch, History h) {
            bar.setExtraMessage(figures(h));
            bar.stepTo(epoch);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Whether standard error is a terminal (a progress bar makes sense). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            // Java 22+: System.console() exists even when redirected; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static boolean utf8Terminal() {
        String enc = System.getProperty("stderr.encoding", System.getProperty("sun.stderr.encoding"));
        if (enc == null) {
            enc = Charset.defaultCharset().name();
        }
        try {
            return Charset.forName(enc).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
