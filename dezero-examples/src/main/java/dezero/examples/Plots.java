package dezero.examples;

import dezero.Config;
import dezero.Variable;
import dezero.data.Batch;
import dezero.data.Dataset;
import dezero.layers.Layer;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG plots of a training run, drawn with XChart (headless). */
final class Plots {
    static final int LOSS_WIDTH = 900;
    static final int LOSS_PANEL_HEIGHT = 340;
    static final int TITLE_HEIGHT = 30;
    static final int LOSS_HEIGHT = 2 * LOSS_PANEL_HEIGHT + TITLE_HEIGHT;
    static final int BOUNDARY_WIDTH = 760;
    static final int BOUNDARY_HEIGHT = 720;

    /** Class colors for points (strong) and regions (light), colour-blind-friendly (Okabe-Ito). */
    private static final Color[] STRONG = {new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x72, 0xB2),
        new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0xD5, 0x5E, 0x00),
        new Color(0x56, 0xB4, 0xE9), new Color(0xF0, 0xE4, 0x42), new Color(0x99, 0x99, 0x99)};
    private static final Color LOSS_COLOR = new Color(0x1F, 0x4E, 0x99);
    private static final Color TEST_LOSS_COLOR = new Color(0xD5, 0x5E, 0x00);

    private Plots() {
    }

    private static void style(XYStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        s.setPlotGridLinesColor(new Color(0xE3, 0xE3, 0xE3));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendBorderColor(new Color(0xBB, 0xBB, 0xBB));
        s.setChartPadding(12);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
    }

    /**
     * Two panels, one above the other: the mean loss per epoch, and the accuracy per epoch (%), each
     * for the training set and, when there is one, the test set.
     */
    static void lossCurve(History h, String title, Path file) throws IOException {
        double[] epochs = new double[h.epochs()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        XYChart loss = panel(title, "loss (softmax cross entropy)", h.epochs(), LOSS_PANEL_HEIGHT + TITLE_HEIGHT);
        loss.getStyler().setYAxisDecimalPattern("0.0#");
        loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        add(loss, "training loss", epochs, h.loss(), LOSS_COLOR);
        if (h.hasTest()) {
            add(loss, "test loss", epochs, h.testLoss(), TEST_LOSS_COLOR);
        }
        XYChart acc = panel(null, "accuracy (%)", h.epochs(), LOSS_PANEL_HEIGHT);
        acc.getStyler().setYAxisDecimalPattern("0");
        acc.getStyler().setYAxisMax(100.0);
        acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        add(acc, "training accuracy", epochs, percent(h.acc()), LOSS_COLOR);
        if (h.hasTest()) {
            add(acc, "test accuracy", epochs, percent(h.testAcc()), TEST_LOSS_COLOR);
        }
        int top = LOSS_PANEL_HEIGHT + TITLE_HEIGHT;
        BufferedImage img = new BufferedImage(LOSS_WIDTH, top + LOSS_PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        loss.paint(g, LOSS_WIDTH, top);
        g.translate(0, top);
        acc.paint(g, LOSS_WIDTH, LOSS_PANEL_HEIGHT);
        g.dispose();
        writePng(img, file);
    }

    /** One panel of {@link #lossCurve}: epochs on the x axis from 0, the y axis from 0. */
    private static XYChart panel(String title, String yTitle, int epochs, int height) {
        XYChart chart = new XYChart(LOSS_WIDTH, height);
        if (title != null) {
            chart.setTitle(title);
        }
        chart.setXAxisTitle("epoch");
        chart.setYAxisTitle(yTitle);
        XYStyler s = chart.getStyler();
        style(s);
        s.setChartTitleVisible(title != null);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 235));
        s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setYAxisMin(0.0);
        s.setXAxisMin(0.0);
        s.setXAxisMax((double) Math.max(epochs, 1));
        s.setXAxisTickMarkSpacingHint(90);
        s.setPlotContentSize(0.95);
        s.setMarkerSize(epochs <= 30 ? 6 : 0);
        if (epochs > 1) {
            // an invisible point between the first two epochs: XChart puts the ticks of equally spaced
            // x values on every k-th value (1, 12, 23, ...); unequal spacing gives round numbers
            XYSeries pad = chart.addSeries(" ", new double[] {1.5}, new double[] {0});
            pad.setShowInLegend(false);
            pad.setMarker(SeriesMarkers.NONE);
            pad.setLineColor(new Color(0, 0, 0, 0));
        }
        return chart;
    }

    private static double[] percent(double[] v) {
        double[] p = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = 100 * v[i];
        }
        return p;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, Color c) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(c);
        s.setMarkerColor(c);
        s.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        s.setMarker(x.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    /**
     * The decision regions of a 2-D classifier (the class the model predicts at each pixel, in light
     * colours, with the class boundaries drawn darker) and the points of {@code ds} coloured by their
     * class. The axes span the data with a margin of 0.1, as the book's plot does.
     */
    static void decisionBoundary(Layer model, Dataset ds, int classes, String title, Path file) throws IOException {
        int n = ds.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        Batch b = ds.batch(all);
        double[] xy = b.x().astype(DType.FLOAT64).toDoubleArray();
        long[] t = b.t().astype(DType.INT64).toLongArray();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            xMin = Math.min(xMin, xy[2 * i]);
            xMax = Math.max(xMax, xy[2 * i]);
            yMin = Math.min(yMin, xy[2 * i + 1]);
            yMax = Math.max(yMax, xy[2 * i + 1]);
        }
        xMin -= 0.1;
        xMax += 0.1;
        yMin -= 0.1;
        yMax += 0.1;

        XYChart chart = new XYChart(BOUNDARY_WIDTH, BOUNDARY_HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle("x0");
        chart.setYAxisTitle("x1");
        XYStyler s = chart.getStyler();
        style(s);
        // the regions are painted below the chart: let them show through
        s.setChartBackgroundColor(new Color(0, 0, 0, 0));
        s.setPlotBackgroundColor(new Color(0, 0, 0, 0));
        s.setPlotGridLinesColor(new Color(0, 0, 0, 28));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarkerSize(9);
        s.setXAxisMin(xMin);
        s.setXAxisMax(xMax);
        s.setYAxisMin(yMin);
        s.setYAxisMax(yMax);
        s.setXAxisDecimalPattern("0.0");
        s.setYAxisDecimalPattern("0.0");
        s.setPlotContentSize(1.0);
        s.setPlotMargin(0);
        Marker[] markers = {new Dot(), new Square(), new Triangle()};
        for (int c = 0; c < classes; c++) {
            int count = 0;
            for (long v : t) {
                count += v == c ? 1 : 0;
            }
            double[] px = new double[count];
            double[] py = new double[count];
            for (int i = 0, k = 0; i < n; i++) {
                if (t[i] == c) {
                    px[k] = xy[2 * i];
                    py[k++] = xy[2 * i + 1];
                }
            }
            XYSeries series = chart.addSeries("class " + c, px, py);
            series.setMarker(markers[c % markers.length]);
            series.setMarkerColor(STRONG[c % STRONG.length]);
        }

        // lay the chart out once to learn where the data rectangle lies on the image
        BufferedImage img = new BufferedImage(BOUNDARY_WIDTH, BOUNDARY_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D scratch = new BufferedImage(BOUNDARY_WIDTH, BOUNDARY_HEIGHT, BufferedImage.TYPE_INT_ARGB)
                .createGraphics();
        chart.paint(scratch, BOUNDARY_WIDTH, BOUNDARY_HEIGHT);
        scratch.dispose();
        int left = (int) Math.round(chart.getScreenXFromChart(xMin));
        int right = (int) Math.round(chart.getScreenXFromChart(xMax));
        int top = (int) Math.round(chart.getScreenYFromChart(yMax));
        int bottom = (int) Math.round(chart.getScreenYFromChart(yMin));
        int w = Math.max(1, right - left);
        int h = Math.max(1, bottom - top);

        int[] cls = predictGrid(model, w, h, xMin, xMax, yMin, yMax);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, BOUNDARY_WIDTH, BOUNDARY_HEIGHT);
        BufferedImage regions = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                int c = cls[r * w + col];
                boolean edge = (col + 1 < w && cls[r * w + col + 1] != c) || (r + 1 < h && cls[(r + 1) * w + col] != c)
                        || (col > 0 && cls[r * w + col - 1] != c) || (r > 0 && cls[(r - 1) * w + col] != c);
                Color base = STRONG[c % STRONG.length];
                regions.setRGB(col, r, (edge ? mix(base, 0.55) : mix(base, 0.22)).getRGB());
            }
        }
        g.drawImage(regions, left, top, null);
        chart.paint(g, BOUNDARY_WIDTH, BOUNDARY_HEIGHT);
        g.dispose();
        writePng(img, file);
    }

    /**
     * The first {@code count} examples of an image dataset as a grid of greyscale pictures, each with
     * the predicted class above it: green when right, red (with the true class) when wrong.
     *
     * @param side the images are {@code side x side} pixels (the example's {@code side * side} values)
     */
    static void predictions(Layer model, Dataset ds, int side, int count, String title, Path file)
            throws IOException {
        int n = Math.min(count, ds.size());
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        Batch b = ds.batch(idx);
        DType dtype = model.params().get(0).data().dtype();
        long[] pred;
        try (Config.Scope g = Config.noGrad(); Config.Scope t = Config.testMode()) {
            pred = model.apply(new Variable(b.x().astype(dtype))).data().argmax(1).toLongArray();
        }
        long[] truth = b.t().astype(DType.INT64).toLongArray();
        double[] px = b.x().astype(DType.FLOAT64).reshape(n, side * side).toDoubleArray();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : px) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double range = hi > lo ? hi - lo : 1;

        int cols = 10;
        int rows = (n + cols - 1) / cols;
        int scale = Math.max(1, 72 / side);
        int cell = side * scale;
        int padX = 14;
        int labelH = 22;
        int titleH = 40;
        int width = cols * (cell + padX) + padX;
        int height = titleH + rows * (cell + labelH + 10) + 6;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        int tw = g.getFontMetrics().stringWidth(title);
        g.drawString(title, Math.max(4, (width - tw) / 2), 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        Color right = new Color(0x00, 0x7A, 0x3D);
        Color wrong = new Color(0xC6, 0x28, 0x28);
        for (int i = 0; i < n; i++) {
            int x0 = padX + (i % cols) * (cell + padX);
            int y0 = titleH + (i / cols) * (cell + labelH + 10);
            boolean ok = pred[i] == truth[i];
            String label = ok ? Long.toString(pred[i]) : pred[i] + " (true " + truth[i] + ")";
            g.setColor(ok ? right : wrong);
            int lw = g.getFontMetrics().stringWidth(label);
            g.drawString(label, x0 + (cell - lw) / 2, y0 + 15);
            int top = y0 + labelH;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    double v = (px[i * side * side + r * side + c] - lo) / range;
                    int grey = 255 - (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(x0 + c * scale, top + r * scale, scale, scale);
                }
            }
            g.setColor(ok ? new Color(0xBB, 0xBB, 0xBB) : wrong);
            g.setStroke(new BasicStroke(ok ? 1f : 2f));
            g.drawRect(x0 - 1, top - 1, cell + 1, cell + 1);
        }
        g.dispose();
        writePng(img, file);
    }

    /** {@code c} mixed with white: {@code amount} of the colour. */
    private static Color mix(Color c, double amount) {
        return new Color((int) Math.round(255 - (255 - c.getRed()) * amount),
                (int) Math.round(255 - (255 - c.getGreen()) * amount),
                (int) Math.round(255 - (255 - c.getBlue()) * amount));
    }

    /** The predicted class at the centre of every pixel of a {@code w x h} grid (row 0 at the top). */
    private static int[] predictGrid(Layer model, int w, int h, double xMin, double xMax, double yMin, double yMax) {
        DType dtype = model.params().get(0).data().dtype();
        int[] cls = new int[w * h];
        int rowsPerChunk = Math.max(1, 65536 / w);
        try (Config.Scope g = Config.noGrad(); Config.Scope t = Config.testMode()) {
            for (int r0 = 0; r0 < h; r0 += rowsPerChunk) {
                int r1 = Math.min(h, r0 + rowsPerChunk);
                double[] pts = new double[(r1 - r0) * w * 2];
                for (int r = r0, k = 0; r < r1; r++) {
                    double y = yMax - (r + 0.5) * (yMax - yMin) / h;
                    for (int c = 0; c < w; c++) {
                        pts[k++] = xMin + (c + 0.5) * (xMax - xMin) / w;
                        pts[k++] = y;
                    }
                }
                NdArray x = NdArray.of(pts, (r1 - r0) * w, 2).astype(dtype);
                long[] pred = model.apply(new Variable(x)).data().argmax(1).toLongArray();
                for (int i = 0; i < pred.length; i++) {
                    cls[r0 * w + i] = (int) pred[i];
                }
            }
        }
        return cls;
    }

    /** Writes the image through a temporary file renamed into place. */
    static void writePng(BufferedImage img, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available to write " + file);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A filled circle with a thin dark outline. */
    static final class Dot extends Marker {
        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            double r = size / 2.0;
            Ellipse2D e = new Ellipse2D.Double(x - r, y - r, size, size);
            outlined(g, e);
        }
    }

    /** A filled square with a thin dark outline. */
    static final class Square extends Marker {
        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            double r = size / 2.0 - 0.5;
            Path2D p = new Path2D.Double();
            p.moveTo(x - r, y - r);
            p.lineTo(x + r, y - r);
            p.lineTo(x + r, y + r);
            p.lineTo(x - r, y + r);
            p.closePath();
            outlined(g, p);
        }
    }

    /** A filled triangle (pointing up) with a thin dark outline. */
    static final class Triangle extends Marker {
        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            double r = size / 2.0 + 1;
            Path2D p = new Path2D.Double();
            p.moveTo(x, y - r);
            p.lineTo(x + r, y + r * 0.8);
            p.lineTo(x - r, y + r * 0.8);
            p.closePath();
            outlined(g, p);
        }
    }

    private static void outlined(Graphics2D g, java.awt.Shape shape) {
        Color fill = g.getColor();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.fill(shape);
        g.setColor(new Color(0x33, 0x33, 0x33));
        g.setStroke(new BasicStroke(0.9f));
        g.draw(shape);
        g.setColor(fill);
    }
}
