package org.sparsify.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.PowerIterationClustering;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.graph.io.EdgeLineParser;
import org.sparsify.graph.io.EdgeListOptions;
import org.sparsify.graph.io.GraphLoader;
import org.sparsify.graph.io.LoadedGraph;
import org.sparsify.graph.metrics.ContingencyTable;
import org.sparsify.graph.metrics.PartitionAgreement;
import org.sparsify.graph.sampling.EdgeSampling;
import org.sparsify.graph.sampling.SampledGraph;
import org.sparsify.graph.sampling.SamplingSpec;
import org.sparsify.graph.sampling.UniformEdgeSampler;
import org.sparsify.jobs.Main;
import scala.Tuple2;

/**
 * The graph side of the {@code bench} job. For one graph it measures, in one Spark session: a
 * plain read and count of the edge file against the loader and the sampling pass; the spectral
 * job at sampling rate p with {@code --compare-full} (p = 1.0 in the same run); scikit-learn's
 * SpectralClustering on the same file; and MLlib's PowerIterationClustering on the loaded graph.
 */
final class GraphBench {

  private static final Logger LOG = LoggerFactory.getLogger(GraphBench.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECTION = "graph";
  /** Seconds to wait for cancelled PIC tasks to stop before moving on. */
  private static final long CANCEL_GRACE_SECONDS = 120;
  /** Milliseconds to wait for Spark's listener events of a finished job. */
  private static final long PROFILE_WAIT_MILLIS = 10_000;

  /** One benchmark graph: an edge list, optional labels and the number of clusters. */
  record GraphCase(String name, String edges, String labels, int k) {}

  /** Settings shared by every graph. */
  record Settings(double p, long seed, String python, String sklearnScript, long sklearnTimeoutSeconds,
      int picIterations, long picTimeoutSeconds, boolean skipSklearn, boolean skipPic) {}

  private final SparkSession spark;
  private final Settings settings;
  private final BenchRows rows;
  /** Pipeline milliseconds of our runs by graph name: {sampled, full}, NaN when not measured. */
  private final Map<String, double[]> spectralTimes = new java.util.HashMap<>();

  GraphBench(SparkSession spark, Settings settings, BenchRows rows) {
    this.spark = spark;
    this.settings = settings;
    this.rows = rows;
  }

  /** Generates a planted-partition graph under {@code dir}; see {@link PlantedGraphs#write}. */
  static GraphCase generatePlanted(SparkSession spark, String name, long nodes, long edges, int k, double mixing,
      long seed, String dir) {
    PlantedGraphs.Files files = PlantedGraphs.write(spark, nodes, edges, k, mixing, seed, dir);
    return new GraphCase(name, files.edges(), files.labels(), k);
  }

  /**
   * Runs the Spark measurements once on a small generated graph and drops their rows, so that
   * the first measured graph does not pay for class loading and JIT compilation alone.
   */
  void warmUp(String workDir) throws IOException {
    LOG.info("bench: warm-up on a small planted graph (not reported)");
    GraphCase small = generatePlanted(spark, "warm-up", 2000, 20000, 4, 0.1, 1, workDir + "/warm-up");
    GraphBench quiet = new GraphBench(spark, new Settings(settings.p(), settings.seed(), settings.python(),
        settings.sklearnScript(), settings.sklearnTimeoutSeconds(), 2, settings.picTimeoutSeconds(), true,
        settings.skipPic()), new BenchRows());
    quiet.measureReadAndSample(small);
    quiet.measureSpectral(small, workDir);
    if (!settings.skipPic()) {
      quiet.measurePic(small);
    }
  }

  /** Runs every measurement on one graph and adds its rows. */
  void run(GraphCase graph, String workDir) throws IOException {
    LOG.info("bench: graph {} ({}), k = {}", graph.name(), graph.edges(), graph.k());
    PeakMemory.reset();
    measureReadAndSample(graph);
    measureSpectral(graph, workDir);
    addPeakMemory(graph, "sparsify (reads, loader, spectral job)");
    if (!settings.skipSklearn()) {
      measureSklearn(graph);
    }
    if (!settings.skipPic()) {
      PeakMemory.reset();
      measurePic(graph);
      addPeakMemory(graph, "MLlib PowerIterationClustering");
    }
  }

  /** Adds the peak memory since the last reset, as used by {@code tool}. */
  private void addPeakMemory(GraphCase graph, String tool) {
    rows.add(SECTION, graph.name(), "peak heap in use (driver and executors, local mode)", tool,
        PeakMemory.peakHeapInUseBytes() / 1048576.0, "MiB", "largest heap occupancy seen by a garbage collection");
    rows.add(SECTION, graph.name(), "peak live heap (driver and executors, local mode)", tool,
        PeakMemory.peakLiveHeapBytes() / 1048576.0, "MiB", "largest heap occupancy left after a garbage collection");
    rows.add(SECTION, graph.name(), "peak resident set size (driver and executors, local mode)", tool,
        PeakMemory.peakResidentBytes() / 1048576.0, "MiB", PeakMemory.residentWasReset()
            ? "VmHWM of the JVM since this tool started" : "VmHWM since the JVM started: Linux refused the reset");
  }

  // ---------------------------------------------------------------- read vs sample

  private void measureReadAndSample(GraphCase graph) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    sc.textFile(graph.edges()).count(); // warm-up: JIT and the page cache

    long start = System.nanoTime();
    long lines = sc.textFile(graph.edges()).count();
    double readMs = millisSince(start);
    rows.add(SECTION, graph.name(), "plain read and count of the edge file", "spark textFile", readMs, "ms",
        lines + " lines");

    double p = settings.p();
    long seed = settings.seed();
    start = System.nanoTime();
    long kept = sc.textFile(graph.edges())
        .mapPartitions(partition -> List.of(countSampledLines(partition, seed, p)).iterator())
        .reduce(Long::sum);
    double streamMs = millisSince(start);
    rows.add(SECTION, graph.name(), "read, parse and Bernoulli-sample pass at p=" + p, "sparsify kernel", streamMs,
        "ms", kept + " lines kept; raw ids, no indexing");

    start = System.nanoTime();
    LoadedGraph loaded = GraphLoader.load(spark, graph.edges(), EdgeListOptions.defaults());
    double loadMs = millisSince(start);
    rows.add(SECTION, graph.name(), "load (parse, index, merge duplicates)", "sparsify GraphLoader", loadMs, "ms",
        loaded.numNodes() + " nodes, " + loaded.numEdges() + " edges");

    start = System.nanoTime();
    SampledGraph sample = UniformEdgeSampler.sample(loaded, new SamplingSpec.Bernoulli(p), seed);
    double sampleMs = millisSince(start);
    rows.add(SECTION, graph.name(), "sampling pass on the loaded graph at p=" + p, "sparsify UniformEdgeSampler",
        sampleMs, "ms", sample.keptEdges() + " edges kept");

    rows.ratio(SECTION, graph.name(), "read+parse+sample pass / plain read", "sparsify / textFile", streamMs, readMs);
    rows.ratio(SECTION, graph.name(), "sampling pass / plain read", "sparsify / textFile", sampleMs, readMs);
    rows.ratio(SECTION, graph.name(), "load / plain read", "sparsify / textFile", loadMs, readMs);
    sample.edges().unpersist(false);
    loaded.edges().unpersist(false);
  }

  /**
   * Counts the lines whose edge the Bernoulli sampler keeps; header and bad lines are dropped. One
   * {@link EdgeLineParser.Fields} serves every line of the partition.
   */
  private static long countSampledLines(Iterator<String> lines, long seed, double p) {
    EdgeLineParser.Fields fields = new EdgeLineParser.Fields();
    long kept = 0;
    while (lines.hasNext()) {
      if (!fields.split(lines.next()) || fields.count() < 2) {
        continue;
      }
      long u;
      long v;
      try {
        u = fields.parseLongId(0);
        v = fields.parseLongId(1);
      } catch (EdgeLineParser.LineParseException headerOrBadLine) {
        continue;
      }
      if (EdgeSampling.bernoulliWeight(seed, Math.min(u, v), Math.max(u, v), 1.0, p) > 0.0) {
        kept++;
      }
    }
    return kept;
  }

  // ---------------------------------------------------------------- our pipeline

  private void measureSpectral(GraphCase graph, String workDir) throws IOException {
    String out = workDir + "/spectral-" + graph.name();
    List<String> args = new ArrayList<>(List.of("spectral", "--input", graph.edges(), "--k", Integer.toString(graph.k()),
        "--sample", "bernoulli:" + settings.p(), "--seed", Long.toString(settings.seed()), "--compare-full",
        "--output", out, "--overwrite"));
    if (graph.labels() != null) {
      args.addAll(List.of("--labels", graph.labels()));
    }
    StepProfile profile = new StepProfile();
    spark.sparkContext().addSparkListener(profile);
    long start = System.nanoTime();
    int code;
    double wallMs;
    Map<String, StepProfile.Step> steps;
    try {
      code = Main.run(args.toArray(new String[0]));
      wallMs = millisSince(start);
      steps = drainQuietly(profile, graph);
    } finally {
      // Removed only after the drain: events still queued for a removed listener are dropped.
      spark.sparkContext().removeSparkListener(profile);
    }
    JsonNode metrics = code == 0 ? readJson(out + "/metrics.json") : null;
    if (metrics == null) {
      rows.add(SECTION, graph.name(), "spectral job", "sparsify", null, "ms", "spectral job failed with exit code " + code);
      return;
    }
    JsonNode timings = metrics.path("timings_ms");
    Double load = number(timings, "load");
    Double sampledMs = sum(load, number(timings, "sample"), number(timings, "embed"), number(timings, "cluster"));
    Double fullMs = sum(load, number(timings, "embed_full"), number(timings, "cluster_full"));
    String tool = "sparsify p=" + settings.p();

    rows.add(SECTION, graph.name(), "spectral job wall time (both runs and output)", "sparsify", wallMs, "ms", null);
    rows.add(SECTION, graph.name(), "pipeline time: load+sample+embed+cluster", tool, sampledMs, "ms", null);
    rows.add(SECTION, graph.name(), "pipeline time: load+embed+cluster", "sparsify p=1.0", fullMs, "ms", null);
    rows.add(SECTION, graph.name(), "embedding time", tool, number(timings, "embed"), "ms", null);
    rows.add(SECTION, graph.name(), "embedding time", "sparsify p=1.0", number(timings, "embed_full"), "ms", null);
    rows.ratio(SECTION, graph.name(), "embedding time p / p=1.0", "sparsify", number(timings, "embed"),
        number(timings, "embed_full"));
    rows.add(SECTION, graph.name(), "eigensolver passes", tool, number(metrics, "passes"), "passes", null);
    rows.add(SECTION, graph.name(), "eigensolver passes", "sparsify p=1.0", number(metrics, "passes_full"), "passes",
        null);
    addPassProfile(graph, tool, "sampled", steps);
    addPassProfile(graph, "sparsify p=1.0", "full", steps);
    rows.add(SECTION, graph.name(), "ARI vs labels", tool, number(metrics, "ari"), "ARI", null);
    rows.add(SECTION, graph.name(), "ARI vs labels", "sparsify p=1.0", number(metrics, "ari_full"), "ARI", null);
    rows.add(SECTION, graph.name(), "ARI vs full-graph clustering", tool, number(metrics, "ari_vs_full"), "ARI", null);
    spectralTimes.put(graph.name(), new double[] {nullToNaN(sampledMs), nullToNaN(fullMs)});
  }

  /** Returns the profile's steps, or none, with a warning, when Spark's events did not arrive. */
  private Map<String, StepProfile.Step> drainQuietly(StepProfile profile, GraphCase graph) throws IOException {
    try {
      return profile.drain(JavaSparkContext.fromSparkContext(spark.sparkContext()), PROFILE_WAIT_MILLIS);
    } catch (IllegalStateException e) {
      LOG.warn("bench: no eigensolver pass profile for {}", graph.name(), e);
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for Spark's listener events", e);
    }
  }

  /**
   * Adds what one eigensolver pass costs, from the Spark jobs of passes 2 and later (pass 1 also
   * builds the operator): per pass, the time its Spark jobs ran, their executor CPU time and the
   * shuffle bytes they wrote.
   */
  private void addPassProfile(GraphCase graph, String tool, String pipeline, Map<String, StepProfile.Step> steps) {
    String prefix = pipeline + " embed pass ";
    Predicate<String> laterPass = description -> description.startsWith(prefix) && !description.equals(prefix + "1");
    StepProfile.Step later = StepProfile.total(steps, laterPass);
    long counted = steps.keySet().stream().filter(laterPass).count();
    if (counted == 0) {
      rows.add(SECTION, graph.name(), "eigensolver pass (passes 2 and later): Spark job time", tool, null, "ms/pass",
          "no pass after the first was seen");
      return;
    }
    String note = counted + " passes profiled from Spark's task metrics";
    rows.add(SECTION, graph.name(), "eigensolver pass (passes 2 and later): Spark job time", tool,
        (double) later.wallMs() / counted, "ms/pass", note);
    rows.add(SECTION, graph.name(), "eigensolver pass (passes 2 and later): executor CPU time", tool,
        (double) later.cpuMs() / counted, "ms/pass", note);
    rows.add(SECTION, graph.name(), "eigensolver pass (passes 2 and later): shuffle written", tool,
        later.shuffleBytes() / 1e6 / counted, "MB/pass", note);
  }

  // ---------------------------------------------------------------- scikit-learn

  private void measureSklearn(GraphCase graph) throws IOException {
    List<String> command = new ArrayList<>(List.of(settings.python(), settings.sklearnScript(), "--edges", graph.edges(),
        "--k", Integer.toString(graph.k()), "--seed", Long.toString(settings.seed())));
    if (graph.labels() != null) {
      command.addAll(List.of("--labels", graph.labels()));
    }
    LOG.info("bench: running {}", String.join(" ", command));
    String tool = "scikit-learn lobpcg";
    JsonNode result;
    try {
      result = runForJson(command, settings.sklearnTimeoutSeconds());
    } catch (IOException e) {
      LOG.warn("bench: scikit-learn on {} failed", graph.name(), e);
      rows.add(SECTION, graph.name(), "pipeline time: read+fit", tool, null, "ms", e.getMessage());
      return;
    }
    rows.add(SECTION, graph.name(), "pipeline time: read+fit", tool, 1000.0 * result.path("total_seconds").asDouble(),
        "ms", result.path("tool").asText());
    rows.add(SECTION, graph.name(), "fit time (embedding and k-means)", tool,
        1000.0 * result.path("fit_seconds").asDouble(), "ms", null);
    rows.add(SECTION, graph.name(), "ARI vs labels", tool, number(result, "ari"), "ARI", null);
    double sklearnMs = 1000.0 * result.path("total_seconds").asDouble();
    double[] ours = spectralTimes.get(graph.name());
    if (ours != null) {
      rows.ratio(SECTION, graph.name(), "pipeline time ours(p) / scikit-learn", "sparsify / scikit-learn",
          finiteOrNull(ours[0]), sklearnMs);
      rows.ratio(SECTION, graph.name(), "pipeline time ours(p=1.0) / scikit-learn", "sparsify / scikit-learn",
          finiteOrNull(ours[1]), sklearnMs);
    }
  }

  /**
   * Runs {@code command} and parses the last line it prints as JSON. Standard output goes to a
   * temporary file so that a process that stops printing cannot block the timeout.
   */
  static JsonNode runForJson(List<String> command, long timeoutSeconds) throws IOException {
    java.nio.file.Path stdout = java.nio.file.Files.createTempFile("sparsify-bench-", ".json");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      waitFor(process, command, timeoutSeconds);
      String text = java.nio.file.Files.readString(stdout, StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0 || text.isEmpty()) {
        throw new IOException("exit code " + process.exitValue() + " from " + String.join(" ", command)
            + "; its error output is in the log above");
      }
      String[] lines = text.split("\n");
      return JSON.readTree(lines[lines.length - 1]);
    } finally {
      java.nio.file.Files.deleteIfExists(stdout);
    }
  }

  private static void waitFor(Process process, List<String> command, long timeoutSeconds) throws IOException {
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out after " + timeoutSeconds + " s (--sklearn-timeout): " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + command.get(0), e);
    }
  }

  // ---------------------------------------------------------------- MLlib PIC

  /**
   * Runs {@code work} in its own Spark job group and returns null, or a note when it did not finish
   * within {@code seconds}: the group is then cancelled and the note reports whether its tasks stopped.
   */
  static String runWithin(SparkSession spark, long seconds, String description, Runnable work) {
    String group = "bench-" + UUID.randomUUID();
    ExecutorService runner = Executors.newSingleThreadExecutor();
    Future<?> future = runner.submit(() -> {
      spark.sparkContext().setJobGroup(group, description, true);
      try {
        work.run();
      } finally {
        spark.sparkContext().clearJobGroup();
      }
    });
    try {
      future.get(seconds, TimeUnit.SECONDS);
      return null;
    } catch (TimeoutException e) {
      LOG.warn("bench: {} did not finish within {} s; cancelling its Spark jobs", description, seconds);
      spark.sparkContext().cancelJobGroup(group);
      boolean stopped = awaitQuietly(future, CANCEL_GRACE_SECONDS);
      return "timed out after " + seconds + " s; the jobs were cancelled"
          + (stopped ? "" : ", but tasks still ran " + CANCEL_GRACE_SECONDS + " s later and may slow what follows");
    } catch (ExecutionException e) {
      throw new IllegalStateException(description + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(description + " was interrupted", e);
    } finally {
      runner.shutdown();
    }
  }

  private static boolean awaitQuietly(Future<?> future, long seconds) {
    try {
      future.get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      return true; // the cancelled job ended with an error, as cancelled jobs do
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void measurePic(GraphCase graph) {
    String tool = "MLlib PowerIterationClustering";
    long start = System.nanoTime();
    LoadedGraph loaded = GraphLoader.load(spark, graph.edges(), EdgeListOptions.defaults());
    StructType schema = new StructType().add("src", DataTypes.LongType, false).add("dst", DataTypes.LongType, false)
        .add("weight", DataTypes.DoubleType, false);
    Dataset<Row> edges = spark.createDataFrame(
        loaded.edges().map(e -> RowFactory.create(e.src(), e.dst(), e.weight())), schema);
    PowerIterationClustering pic = new PowerIterationClustering().setK(graph.k())
        .setMaxIter(settings.picIterations()).setInitMode("degree").setWeightCol("weight");
    // assignClusters runs the power iterations itself, so it belongs inside the time limit.
    AtomicReference<JavaPairRDD<Long, Integer>> result = new AtomicReference<>();
    String timedOut = runWithin(spark, settings.picTimeoutSeconds(), "MLlib PIC on " + graph.name(), () -> {
      JavaPairRDD<Long, Integer> clusters = pic.assignClusters(edges).toJavaRDD()
          .mapToPair(row -> new Tuple2<>(row.getLong(0), row.getInt(1)));
      clusters.cache().count();
      result.set(clusters);
    });
    if (timedOut != null) {
      rows.add(SECTION, graph.name(), "pipeline time: load+cluster", tool, null, "ms", timedOut);
      if (result.get() != null) {
        result.get().unpersist(false);
      }
      loaded.edges().unpersist(false);
      return;
    }
    JavaPairRDD<Long, Integer> assignments = result.get();
    double picMs = millisSince(start);
    rows.add(SECTION, graph.name(), "pipeline time: load+cluster", tool, picMs, "ms",
        settings.picIterations() + " iterations, degree initialisation");
    if (graph.labels() != null) {
      JavaPairRDD<Long, Integer> labels = BenchLabels.byIndex(spark, graph.labels(), loaded);
      ContingencyTable table = new ContingencyTable();
      Map<Tuple2<Integer, Integer>, Long> counts = assignments.join(labels).values().countByValue();
      counts.forEach((pair, count) -> table.add(pair._1(), pair._2(), count));
      rows.add(SECTION, graph.name(), "ARI vs labels", tool, PartitionAgreement.adjustedRandIndex(table), "ARI", null);
    }
    double[] ours = spectralTimes.get(graph.name());
    if (ours != null) {
      rows.ratio(SECTION, graph.name(), "pipeline time ours(p) / PIC", "sparsify / MLlib PIC", finiteOrNull(ours[0]),
          picMs);
    }
    assignments.unpersist(false);
    loaded.edges().unpersist(false);
  }

  // ---------------------------------------------------------------- helpers

  private JsonNode readJson(String file) throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(path)) {
      return null;
    }
    try (InputStream in = fs.open(path)) {
      return JSON.readTree(in);
    }
  }

  private static Double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.asDouble() : null;
  }

  private static Double sum(Double... parts) {
    double total = 0;
    for (Double part : parts) {
      if (part == null) {
        return null;
      }
      total += part;
    }
    return total;
  }

  private static double nullToNaN(Double value) {
    return value == null ? Double.NaN : value;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
