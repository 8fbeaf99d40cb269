package org.sparsify.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.jobs.bench.PlantedGraphs;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;
import org.sparsify.jobs.report.HtmlReport;
import org.sparsify.jobs.report.SweepReport;
import org.sparsify.jobs.report.ReportFiles;
import org.sparsify.jobs.report.ResultTable;

/**
 * The {@code sweep} job: runs the {@code spectral} job with {@code --compare-full} at several
 * sampling rates and seeds on one graph, and writes {@code sweep.csv}, {@code sweep.json} and a
 * self-contained {@code report/report.html} with PNG plots of ARI (against the labels and against
 * the full-graph clustering) and time against p, and of the eigenvalues of the full and the
 * sampled graph.
 *
 * <p>Cost: each (p, seed) run also clusters the full graph, so the full pipeline runs once per
 * run; its time is therefore measured as often as the sampled one, in the same session.
 * Without {@code --input}, a planted-partition graph with labels is generated once.
 */
public final class SweepJob {

  private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NAME = "sweep";

  static final List<String> COLUMNS = List.of("p", "seed", "ari", "ari_full", "ari_vs_full", "sin_theta_vs_full",
      "embed_ms", "embed_full_ms", "cluster_ms", "cluster_full_ms", "passes", "passes_full", "sampled_edges",
      "eigenvalues", "eigenvalues_full");

  private SweepJob() {}

  /** Returns the declared options of the job. */
  static JobOptions options() {
    return new JobOptions(NAME, "Runs the spectral job over sampling rates and seeds and writes an HTML report.")
        .option("input", null, "path", "edge list; omit to generate a planted-partition graph with labels")
        .option("labels", null, "path", "ground-truth labels for --input ('node label' or CSV 'node,...,label')")
        .option("k", "10", "count", "number of clusters")
        .option("rates", "0.05,0.1,0.2,0.5,1.0", "list", "sampling rates p, comma-separated, each in (0, 1]")
        .option("seeds", "1,2,3", "list", "seeds, comma-separated; one spectral run per rate and seed")
        .option("gen-nodes", "20000", "nodes", "generator: nodes of the planted graph")
        .option("gen-edges", "200000", "edges", "generator: expected edges of the planted graph")
        .option("gen-mixing", "0.1", "fraction", "generator: fraction of edges between clusters")
        .option("gen-seed", "1", "integer", "generator: seed of the planted graph")
        .option("spectral-options", "", "text", "extra options passed to every spectral run, space-separated")
        .flag("keep-runs", "keep each spectral run's output under runs/")
        .option("output", null, "dir", "output directory (any Hadoop path); must not exist unless --overwrite")
        .flag("overwrite", "replace an existing output directory");
  }

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the job with the active (or a new) SparkSession and returns the exit code. */
  public static int run(String[] args) {
    return JobRunner.run(NAME, options(), args, SweepJob::execute);
  }

  private static void execute(SparkSession spark, JobOptions.Parsed options, OutputDirectory output,
      MetricsJson metrics) throws IOException {
    List<Double> rates = parseRates(options.required("rates"));
    List<Long> seeds = parseSeeds(options.required("seeds"));
    int k = options.intValue("k");
    String runs = output.path("runs");
    String input = options.string("input");
    String labels = options.string("labels");
    String description = input;
    if (input == null) {
      PlantedGraphs.Files planted = PlantedGraphs.write(spark, options.longValue("gen-nodes"),
          options.longValue("gen-edges"), k, options.doubleValue("gen-mixing"), options.longValue("gen-seed"),
          output.path("graph"));
      input = planted.edges();
      labels = planted.labels();
      description = "planted partition with " + options.required("gen-nodes") + " nodes, about "
          + options.required("gen-edges") + " edges, mixing " + options.required("gen-mixing") + ", seed "
          + options.required("gen-seed") + " (written to graph/ in the output)";
    }

    ResultTable table = new ResultTable(COLUMNS);
    for (double p : rates) {
      for (long seed : seeds) {
        JsonNode result = runSpectral(spark, input, labels, k, p, seed, runs + "/p" + p + "-s" + seed,
            options.required("spectral-options"));
        addRow(table, p, seed, result);
      }
    }
    output.writeText("sweep.csv", table.toCsv());
    output.writeText("sweep.json", table.toJson());
    HtmlReport report = SweepReport.build(table, description, k, rates, seeds);
    ReportFiles.write(spark.sparkContext().hadoopConfiguration(), output.path("report"), "report.html", report);
    metrics.put("runs", table.rows().size()).put("input", description);
    if (!options.flag("keep-runs")) {
      Path runsPath = new Path(runs);
      runsPath.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(runsPath, true);
    }
    System.out.println(table.toText());
  }

  private static JsonNode runSpectral(SparkSession spark, String input, String labels, int k, double p, long seed,
      String out, String extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("spectral", "--input", input, "--k", Integer.toString(k),
        "--sample", "bernoulli:" + p, "--seed", Long.toString(seed), "--compare-full", "--output", out, "--overwrite"));
    if (labels != null) {
      args.addAll(List.of("--labels", labels));
    }
    if (!extra.isBlank()) {
      args.addAll(Arrays.asList(extra.strip().split("\\s+")));
    }
    LOG.info("sweep: p = {}, seed = {}", p, seed);
    int code = Main.run(args.toArray(new String[0]));
    if (code != 0) {
      throw new IllegalStateException("spectral run at p = " + p + ", seed = " + seed + " failed with exit code "
          + code + "; its error is logged above");
    }
    Path metrics = new Path(out, "metrics.json");
    try (InputStream in = metrics.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(metrics)) {
      return JSON.readTree(in);
    }
  }

  private static void addRow(ResultTable table, double p, long seed, JsonNode m) {
    JsonNode timings = m.path("timings_ms");
    table.addRow().set("p", p).set("seed", seed)
        .set("ari", number(m, "ari")).set("ari_full", number(m, "ari_full")).set("ari_vs_full", number(m, "ari_vs_full"))
        .set("sin_theta_vs_full", number(m, "sin_theta_vs_full"))
        .set("embed_ms", number(timings, "embed")).set("embed_full_ms", number(timings, "embed_full"))
        .set("cluster_ms", number(timings, "cluster")).set("cluster_full_ms", number(timings, "cluster_full"))
        .set("passes", number(m, "passes")).set("passes_full", number(m, "passes_full"))
        .set("sampled_edges", number(m, "sampled_edges"))
        .set("eigenvalues", joined(m.path("eigenvalues"))).set("eigenvalues_full", joined(m.path("eigenvalues_full")));
  }

  private static Double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() && Double.isFinite(value.asDouble()) ? value.asDouble() : null;
  }

  /** Returns the numbers of a JSON array separated by spaces, or null when it is missing. */
  private static String joined(JsonNode array) {
    if (!array.isArray()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(String.format(Locale.ROOT, "%.6g", v.asDouble())));
    return String.join(" ", values);
  }

  static List<Double> parseRates(String text) {
    return JobOptions.parseNumbers("--rates", text, p -> p > 0.0 && p <= 1.0, "(0, 1]");
  }

  static List<Long> parseSeeds(String text) {
    List<Long> seeds = new ArrayList<>();
    for (String item : text.split(",")) {
      try {
        seeds.add(Long.parseLong(item.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--seeds must be integers but one was '" + item.strip() + "'", e);
      }
    }
    return seeds;
  }
}
