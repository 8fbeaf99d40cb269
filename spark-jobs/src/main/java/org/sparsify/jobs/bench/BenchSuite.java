package org.sparsify.jobs.bench;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.gradient.io.LabeledData;
import org.sparsify.gradient.io.SyntheticClassification;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;
import org.sparsify.jobs.report.HtmlReport;
import org.sparsify.jobs.report.ReportFiles;
import org.sparsify.jobs.report.ResultTable;
import org.sparsify.jobs.report.TrainingPlots;

/** Runs the benchmarks that the {@code bench} job selected and writes the table and the report. */
public final class BenchSuite {

  private static final Logger LOG = LoggerFactory.getLogger(BenchSuite.class);

  /** The resolved settings of one bench run; see the {@code bench} job's options. */
  public record Config(String profile, List<long[]> plantedSizes, int plantedK, double plantedMixing, long genSeed,
      String dataDir, double p, long seed, String python, String sklearnScript, long sklearnTimeoutSeconds,
      int picIterations, long picTimeoutSeconds, List<long[]> synthetic, int lrRounds, int lrWorkers, double lrStep, List<Double> lrMomenta,
      double lrReg, int lrK,
      int mllibIterations, boolean skipGraph, boolean skipGradient, boolean skipPic, boolean keepInputs) {}

  private BenchSuite() {}

  /** Runs the suite and writes bench.txt, bench.csv, bench.json and report.html into {@code output}. */
  public static void run(SparkSession spark, Config config, OutputDirectory output, MetricsJson metrics)
      throws IOException {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String work = output.path("work");
    sc.setCheckpointDir(work + "/checkpoints");
    TrafficMeter meter = new TrafficMeter();
    spark.sparkContext().addSparkListener(meter);
    BenchRows rows = new BenchRows();
    HtmlReport report = new HtmlReport("Sparsify benchmarks (" + config.profile() + " profile)");
    report.paragraph("Machine: " + metrics.get("machine") + ". Started " + metrics.get("started") + ".");
    try {
      if (!config.skipGraph()) {
        runGraphs(spark, config, rows, work);
      }
      if (!config.skipGradient()) {
        runGradients(spark, config, rows, meter, report);
      }
    } finally {
      spark.sparkContext().removeSparkListener(meter);
    }
    rows.add("machine", "-", "peak resident set size of this JVM", "jvm",
        PeakMemory.runPeakResidentBytes() / 1048576.0, "MiB", "whole run; driver and executors share one JVM in local mode");
    writeResults(spark, rows.table(), report, output, metrics);
    if (!config.keepInputs()) {
      Path workPath = new Path(work);
      workPath.getFileSystem(sc.hadoopConfiguration()).delete(workPath, true);
    }
  }

  private static void runGraphs(SparkSession spark, Config config, BenchRows rows, String work) throws IOException {
    GraphBench bench = new GraphBench(spark, new GraphBench.Settings(config.p(), config.seed(), config.python(),
        config.sklearnScript(), config.sklearnTimeoutSeconds(), config.picIterations(), config.picTimeoutSeconds(),
        config.sklearnScript() == null,
        config.skipPic()), rows);
    if (config.sklearnScript() == null) {
      rows.add("graph", "-", "scikit-learn comparison", "scikit-learn", null, "-", "skipped: no --sklearn-script");
    }
    bench.warmUp(work);
    for (GraphBench.GraphCase graph : realGraphs(config.dataDir(), rows)) {
      bench.run(graph, work);
    }
    for (long[] size : config.plantedSizes()) {
      String name = "planted-" + size[0] + "n-" + size[1] + "m";
      GraphBench.GraphCase graph = GraphBench.generatePlanted(spark, name, size[0], size[1], config.plantedK(),
          config.plantedMixing(), config.genSeed(), work + "/" + name);
      bench.run(graph, work);
    }
  }

  /** Returns the labelled real graphs found in {@code dataDir}; records a skip row when it is missing. */
  private static List<GraphBench.GraphCase> realGraphs(String dataDir, BenchRows rows) {
    List<GraphBench.GraphCase> graphs = new ArrayList<>();
    if (dataDir == null) {
      rows.add("graph", "-", "real graphs", "-", null, "-", "skipped: set SPARSIFY_DATA_DIR or --data-dir");
      return graphs;
    }
    addIfPresent(graphs, rows, "email-Eu-core", dataDir + "/email-Eu-core/email-Eu-core.txt",
        dataDir + "/email-Eu-core/email-Eu-core-department-labels.txt", 42);
    addIfPresent(graphs, rows, "facebook-page-page", dataDir + "/facebook-page-page/musae_facebook_edges.csv",
        dataDir + "/facebook-page-page/musae_facebook_target.csv", 4);
    return graphs;
  }

  private static void addIfPresent(List<GraphBench.GraphCase> graphs, BenchRows rows, String name, String edges,
      String labels, int k) {
    if (new File(edges).isFile() && new File(labels).isFile()) {
      graphs.add(new GraphBench.GraphCase(name, edges, labels, k));
    } else {
      rows.add("graph", name, "data set", "-", null, "-", "skipped: " + edges + " or its labels not found");
    }
  }

  private static void runGradients(SparkSession spark, Config config, BenchRows rows, TrafficMeter meter,
      HtmlReport report) throws IOException {
    GradientBench bench = new GradientBench(spark, new GradientBench.Settings(config.lrRounds(), config.lrWorkers(),
        config.lrStep(), config.lrMomenta(), config.lrReg(), config.lrK(), config.mllibIterations(), List.of(1e-2, 1e-3)), rows, meter);
    List<GradientBench.GradientCase> cases = new ArrayList<>();
    String dir = config.dataDir();
    if (dir != null && new File(dir + "/a9a/a9a").isFile()) {
      cases.add(GradientBench.libsvm(spark, "a9a", dir + "/a9a/a9a", dir + "/a9a/a9a.t"));
    }
    if (dir != null && new File(dir + "/rcv1-small/rcv1_small.libsvm").isFile()) {
      cases.add(GradientBench.libsvm(spark, "rcv1-small", dir + "/rcv1-small/rcv1_small.libsvm", null));
    }
    for (GradientBench.GradientCase data : cases) {
      runGradient(bench, data, report);
    }
    // Generated sets are made one at a time, so that a large one does not sit in memory beside the others.
    for (long[] s : config.synthetic()) {
      SyntheticClassification model = new SyntheticClassification(s[0], (int) s[1], (int) s[2], config.seed());
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      LabeledData data = model.generateData(sc, sc.defaultParallelism());
      runGradient(bench, new GradientBench.GradientCase("synthetic-" + s[0] + "x" + s[1], data, null, (int) s[1],
          (int) s[3]), report);
    }
  }

  private static void runGradient(GradientBench bench, GradientBench.GradientCase data, HtmlReport report)
      throws IOException {
    List<TrainingPlots.Run> runs = bench.run(data);
    report.heading("Training curves: " + data.name());
    TrainingPlots.addTo(report, "logreg-" + data.name(), data.name(), runs);
    data.train().unpersist();
    if (data.test() != null) {
      data.test().unpersist();
    }
  }

  private static void writeResults(SparkSession spark, ResultTable table, HtmlReport report, OutputDirectory output,
      MetricsJson metrics) throws IOException {
    String text = table.toText();
    System.out.println(text);
    output.writeText("bench.txt", text);
    output.writeText("bench.csv", table.toCsv());
    output.writeText("bench.json", table.toJson());
    HtmlReport page = new HtmlReport("Sparsify benchmark results");
    page.paragraph("Each row is one figure measured in this run; ratios compare figures of the same run.");
    page.table(table);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ReportFiles.write(conf, output.path("report"), "report.html", page.append(report));
    metrics.put("rows", table.rows().size());
    LOG.info("bench: {} figures written to bench.txt, bench.csv, bench.json and report/report.html",
        table.rows().size());
  }
}
