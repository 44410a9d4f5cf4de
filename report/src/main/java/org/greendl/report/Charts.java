package org.greendl.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts drawn with XChart and inlined as PNG data URIs, so the page opens offline as a single file. */
final class Charts {
    static final int WIDTH = 640;
    static final int HEIGHT = 400;

    private Charts() {
        System.setProperty("java.awt.headless", "true");
    }

    /** One labelled point per series, so the legend names every variant. */
    record Point(String label, double x, double y) {}

    /** One line per series. */
    record Line(String label, List<Double> x, List<Double> y) {}

    static String scatter(String title, String xTitle, String yTitle, List<Point> points, boolean logX) {
        XYChart chart = base(title, xTitle, yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(logX && points.stream().allMatch(p -> p.x() > 0));
        chart.getStyler().setMarkerSize(11);
        for (Point p : points) {
            chart.addSeries(unique(chart, p.label()), new double[] {p.x()}, new double[] {p.y()});
        }
        return dataUri(chart);
    }

    /**
     * A search's candidates (one series), its Pareto front (a line through its points, sorted by x) and named
     * models (one series each) on log-x axes.
     */
    static String front(String title, String xTitle, String yTitle, List<Point> candidates, List<Point> front,
                        List<Point> named) {
        XYChart chart = base(title, xTitle, yTitle);
        boolean log = java.util.stream.Stream.of(candidates, front, named).flatMap(List::stream).allMatch(p -> p.x() > 0);
        chart.getStyler().setXAxisLogarithmic(log);
        chart.getStyler().setMarkerSize(9);
        if (!candidates.isEmpty()) {
            chart.addSeries("candidates", candidates.stream().mapToDouble(Point::x).toArray(),
                    candidates.stream().mapToDouble(Point::y).toArray())
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        if (!front.isEmpty()) {
            chart.addSeries("Pareto front", front.stream().mapToDouble(Point::x).toArray(),
                    front.stream().mapToDouble(Point::y).toArray())
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.DIAMOND);
        }
        for (Point p : named) {
            chart.addSeries(unique(chart, p.label()), new double[] {p.x()}, new double[] {p.y()})
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return dataUri(chart);
    }

    static String lines(String title, String xTitle, String yTitle, List<Line> lines) {
        XYChart chart = base(title, xTitle, yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (Line l : lines) {
            if (!l.x().isEmpty()) {
                chart.addSeries(unique(chart, l.label()), l.x(), l.y()).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return dataUri(chart);
    }

    private static XYChart base(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartTitleBoxVisible(false);
        return chart;
    }

    private static String unique(XYChart chart, String label) {
        String name = label;
        for (int i = 2; chart.getSeriesMap().containsKey(name); i++) {
            name = label + " (" + i + ")";
        }
        return name;
    }

    private static String dataUri(XYChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (chart.getSeriesMap().isEmpty()) {
                chart.addSeries("no data", new double[] {0}, new double[] {0});
            }
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }
}
