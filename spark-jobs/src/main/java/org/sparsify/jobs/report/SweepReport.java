package org.sparsify.jobs.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds the HTML report of a sampling-rate sweep from its result table (the columns of the
 * {@code sweep} job): ARI and embedding time against p, averaged over seeds, and the eigenvalues
 * of the full and the sampled graph.
 */
public final class SweepReport {

  private SweepReport() {}

  /** Returns the report for {@code table}, whose rows each hold one (p, seed) run. */
  public static HtmlReport build(ResultTable table, String input, int k, List<Double> rates, List<Long> seeds)
      throws IOException {
    HtmlReport report = new HtmlReport("Sampling-rate sweep of spectral clustering");
    report.paragraph("Graph: " + input + ", k = " + k + ", rates " + rates + ", seeds " + seeds
        + ". Each point is the mean over seeds; every run also clustered the full graph in the same session.");
    double[] p = rates.stream().mapToDouble(Double::doubleValue).toArray();

    LineChart ari = new LineChart("ARI against sampling rate p", "sampling rate p", "adjusted Rand index")
        .add("sampled vs labels", p, meanByRate(table, rates, "ari"))
        .add("sampled vs full-graph clustering", p, meanByRate(table, rates, "ari_vs_full"))
        .add("full graph vs labels", p, meanByRate(table, rates, "ari_full"));
    report.heading("Quality").figure("ari-vs-p.png", ari.toPng(900, 500),
        "ARI against p: the sampled clustering against the labels and against the full-graph clustering");

    LineChart time = new LineChart("Embedding time against sampling rate p", "sampling rate p", "milliseconds")
        .add("sampled embedding", p, meanByRate(table, rates, "embed_ms"))
        .add("full-graph embedding (same run)", p, meanByRate(table, rates, "embed_full_ms"))
        .add("sampled clustering", p, meanByRate(table, rates, "cluster_ms"));
    report.heading("Time").figure("time-vs-p.png", time.toPng(900, 500),
        "Wall time of the embedding (partitioning and eigensolver) and of the clustering against p");

    report.heading("Eigenvalues").figure("eigenvalues.png", eigenvalueChart(table, rates).toPng(900, 500),
        "The k + 1 smallest eigenvalues of the regularised normalized Laplacian, full graph and samples (first seed)");
    report.heading("Runs").table(table);
    return report;
  }

  /** Returns the mean of {@code column} over the rows of each rate; NaN where no row has a value. */
  static double[] meanByRate(ResultTable table, List<Double> rates, String column) {
    double[] means = new double[rates.size()];
    for (int i = 0; i < rates.size(); i++) {
      double rate = rates.get(i);
      means[i] = mean(table, row -> row.get("p") instanceof Number n && n.doubleValue() == rate, column);
    }
    return means;
  }

  private static double mean(ResultTable table, Predicate<Map<String, Object>> filter, String column) {
    double sum = 0;
    int count = 0;
    for (Map<String, Object> row : table.rows()) {
      if (filter.test(row) && row.get(column) instanceof Number value) {
        sum += value.doubleValue();
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static LineChart eigenvalueChart(ResultTable table, List<Double> rates) {
    LineChart chart = new LineChart("Eigenvalues, full graph and samples", "eigenvalue index", "eigenvalue");
    boolean fullAdded = false;
    List<Double> seen = new ArrayList<>();
    for (Map<String, Object> row : table.rows()) {
      double rate = ((Number) row.get("p")).doubleValue();
      if (!fullAdded && row.get("eigenvalues_full") instanceof String full) {
        double[] values = parse(full);
        chart.add("full graph", indices(values.length), values);
        fullAdded = true;
      }
      if (!seen.contains(rate) && rates.contains(rate) && row.get("eigenvalues") instanceof String sampled) {
        double[] values = parse(sampled);
        chart.add("p = " + rate, indices(values.length), values);
        seen.add(rate);
      }
    }
    return chart;
  }

  private static double[] parse(String values) {
    return Arrays.stream(values.strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
  }

  private static double[] indices(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
    }
    return x;
  }
}
