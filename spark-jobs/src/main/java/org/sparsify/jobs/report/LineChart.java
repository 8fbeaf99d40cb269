package org.sparsify.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An XY line chart rendered to PNG with JFreeChart, one line per named series.
 *
 * <p>Rendering runs with {@code java.awt.headless=true}, so it needs no display. Points whose x
 * or y is not finite are left out, and so are points with a non-positive value on a logarithmic
 * axis; {@link #skippedPoints()} counts them so that a caller can report the gap.
 */
public final class LineChart {

  /** One line of the chart. */
  public record Series(String name, double[] x, double[] y) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "series " + name + " needs as many x as y values but has " + x.length + " and " + y.length);
      }
    }
  }

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private boolean logX;
  private boolean logY;
  private boolean markers = true;
  private int skippedPoints;

  /** Creates an empty chart with the given title and axis labels. */
  public LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a line. */
  public LineChart add(Series line) {
    series.add(line);
    return this;
  }

  /** Adds a line from parallel arrays. */
  public LineChart add(String name, double[] x, double[] y) {
    return add(new Series(name, x, y));
  }

  /** Uses a base-10 logarithmic x axis. */
  public LineChart logX() {
    logX = true;
    return this;
  }

  /** Uses a base-10 logarithmic y axis. */
  public LineChart logY() {
    logY = true;
    return this;
  }

  /** Draws lines without point markers, for series with many points. */
  public LineChart withoutMarkers() {
    markers = false;
    return this;
  }

  /** Returns how many points the last {@link #toPng} left out as not drawable. */
  public int skippedPoints() {
    return skippedPoints;
  }

  /** Renders the chart as a PNG image of the given size in pixels. */
  public byte[] toPng(int width, int height) throws IOException {
    System.setProperty("java.awt.headless", "true");
    JFreeChart chart = ChartFactory.createXYLineChart(
        title, xLabel, yLabel, dataset(), PlotOrientation.VERTICAL, true, false, false);
    style(chart);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, width, height);
    return out.toByteArray();
  }

  private XYSeriesCollection dataset() {
    skippedPoints = 0;
    XYSeriesCollection dataset = new XYSeriesCollection();
    for (Series line : series) {
      XYSeries xy = new XYSeries(line.name(), false, true);
      for (int i = 0; i < line.x().length; i++) {
        double x = line.x()[i];
        double y = line.y()[i];
        if (drawable(x, logX) && drawable(y, logY)) {
          xy.add(x, y);
        } else {
          skippedPoints++;
        }
      }
      dataset.addSeries(xy);
    }
    return dataset;
  }

  private static boolean drawable(double value, boolean logarithmic) {
    return Double.isFinite(value) && (!logarithmic || value > 0.0);
  }

  private void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    if (logX) {
      LogarithmicAxis axis = new LogarithmicAxis(xLabel);
      axis.setAllowNegativesFlag(false);
      plot.setDomainAxis(axis);
    }
    if (logY) {
      LogarithmicAxis axis = new LogarithmicAxis(yLabel);
      axis.setAllowNegativesFlag(false);
      plot.setRangeAxis(axis);
    } else if (plot.getRangeAxis() instanceof NumberAxis axis) {
      axis.setAutoRangeIncludesZero(false);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, markers);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2.0f));
    }
    plot.setRenderer(renderer);
  }
}
