package dev.pilot.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG charts, drawn headless with JFreeChart. */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** A named series of points. */
    public record Series(String name, double[] x, double[] y) {}

    /**
     * The cumulative distribution of each sample (latencies in milliseconds) on a logarithmic
     * time axis: where a curve crosses 0.5 is its median, 0.99 its p99.
     */
    public static void cdf(Path file, String title, List<String> names, List<long[]> samplesMicros) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < names.size(); i++) {
            long[] sorted = samplesMicros.get(i).clone();
            if (sorted.length == 0) {
                continue;
            }
            Arrays.sort(sorted);
            XYSeries series = new XYSeries(names.get(i) + " (n=" + sorted.length + ")", false, true);
            for (int k = 0; k < sorted.length; k++) {
                series.add(Math.max(sorted[k], 1) / 1000.0, (k + 1) / (double) sorted.length);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "latency (ms, log scale)", "fraction of changes seen",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis time = new LogAxis("latency (ms, log scale)");
        time.setSmallestValue(0.01);
        time.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
        time.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(Math.log10(2))); // ticks at powers of two: …, 0.5, 1, 2, 4, …
        plot.setDomainAxis(time);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.0);
        style(plot, data.getSeriesCount());
        save(chart, file);
    }

    /** Lines of {@code series} against time in seconds, e.g. RSS in MB. */
    public static void lines(Path file, String title, String xLabel, String yLabel, List<Series> series) {
        JFreeChart chart = lineChart(title, xLabel, yLabel, series);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        style(plot, series.size());
        save(chart, file);
    }

    /**
     * Lines of {@code series} against a size on a logarithmic axis (e.g. RSS per rung of 10, 100,
     * 1 000 upstreams), each point marked.
     */
    public static void ladder(Path file, String title, String xLabel, String yLabel, List<Series> series) {
        JFreeChart chart = lineChart(title, xLabel, yLabel, series);
        XYPlot plot = chart.getXYPlot();
        LogAxis size = new LogAxis(xLabel);
        size.setBase(10);
        size.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        size.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        plot.setDomainAxis(size);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        style(plot, series.size());
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(true);
        save(chart, file);
    }

    /** An XY line chart of {@code series}, one line each, in their order. */
    private static JFreeChart lineChart(String title, String xLabel, String yLabel, List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series line : series) {
            XYSeries xy = new XYSeries(line.name(), false, true);
            for (int i = 0; i < line.x().length; i++) {
                xy.add(line.x()[i], line.y()[i]);
            }
            data.addSeries(xy);
        }
        return ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    }

    private static void style(XYPlot plot, int seriesCount) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < seriesCount; i++) {
            renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
    }

    private static void save(JFreeChart chart, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
