package org.sparsify.jobs.io;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparsify.graph.generate.PlantedPartition;
import org.sparsify.graph.generate.PlantedPartitionGenerator;
import org.sparsify.graph.io.BadLinePolicy;
import org.sparsify.graph.io.EdgeListOptions;
import org.sparsify.graph.io.GraphLoader;
import org.sparsify.graph.io.LoadedGraph;
import org.sparsify.jobs.cli.JobOptions;

/**
 * The graph-input options shared by the graph jobs: an edge list from {@code --input}, or the
 * built-in planted-partition generator when {@code --input} is absent.
 */
public final class GraphInput {

  private GraphInput() {}

  /**
   * The loaded or generated graph.
   *
   * @param labels ground-truth cluster per dense index for a generated graph, otherwise null
   * @param source a one-line description for logs and metrics
   */
  public record Result(LoadedGraph graph, JavaPairRDD<Long, Integer> labels, String source) {}

  /** Declares the input and generator options on {@code options}. */
  public static JobOptions declare(JobOptions options) {
    PlantedPartition d = PlantedPartition.defaults();
    return options
        .option("input", null, "path", "edge list (text or Parquet) on any Hadoop path; omit to generate a planted-partition graph")
        .option("format", "auto", "auto|text|parquet", "input format; auto means Parquet for paths ending in .parquet")
        .option("id-type", "long", "long|string", "node id type; long ids may be negative and non-contiguous")
        .option("header", "auto", "auto|present|absent", "text header line; auto treats a non-numeric first line as a header (long ids only)")
        .option("bad-lines", "fail", "fail|skip", "malformed lines or invalid weights: fail naming file and line, or skip and count them")
        .option("merge", "max", "max|sum", "weight of an undirected edge listed more than once, in either direction")
        .option("nodes", null, "path", "optional file of node ids, one per line, so that nodes without edges count")
        .option("partitions", "0", "count", "minimum number of input partitions; 0 lets Spark choose")
        .option("gen-clusters", Integer.toString(d.clusters()), "count", "generator: number of planted clusters")
        .option("gen-cluster-size", Integer.toString(d.clusterSize()), "nodes", "generator: nodes per cluster")
        .option("gen-p-in", Double.toString(d.pIn()), "probability", "generator: edge probability within a cluster")
        .option("gen-p-out", Double.toString(d.pOut()), "probability", "generator: edge probability between clusters")
        .option("gen-seed", "1", "integer", "generator: seed of the generated graph");
  }

  /** Loads {@code --input}, or generates the planted-partition graph. */
  public static Result read(SparkSession spark, JobOptions.Parsed options) {
    if (options.has("input")) {
      String path = options.required("input");
      LoadedGraph graph = GraphLoader.load(spark, path, edgeListOptions(options));
      return new Result(graph, null, path);
    }
    PlantedPartition model =
        new PlantedPartition(
            options.intValue("gen-clusters"),
            options.intValue("gen-cluster-size"),
            options.doubleValue("gen-p-in"),
            options.doubleValue("gen-p-out"));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = options.intValue("partitions");
    PlantedPartitionGenerator.PlantedGraph planted =
        PlantedPartitionGenerator.generate(
            sc, model, options.longValue("gen-seed"),
            partitions > 0 ? partitions : sc.defaultParallelism());
    return new Result(planted.graph(), planted.labels(), "generated " + model);
  }

  /** Returns the loader options given on the command line. */
  public static EdgeListOptions edgeListOptions(JobOptions.Parsed options) {
    return EdgeListOptions.defaults()
        .withFormat(EdgeListOptions.parseEnum("--format", options.required("format"), EdgeListOptions.Format.class))
        .withIdType(EdgeListOptions.parseEnum("--id-type", options.required("id-type"), EdgeListOptions.IdType.class))
        .withHeader(EdgeListOptions.parseEnum("--header", options.required("header"), EdgeListOptions.HeaderMode.class))
        .withBadLines(EdgeListOptions.parseEnum("--bad-lines", options.required("bad-lines"), BadLinePolicy.class))
        .withMerge(EdgeListOptions.parseEnum("--merge", options.required("merge"), EdgeListOptions.MergeRule.class))
        .withNodesPath(options.string("nodes"))
        .withMinPartitions(options.intValue("partitions"));
  }

  /** Adds the loading counts to {@code metrics}. */
  public static void report(Result input, MetricsJson metrics) {
    LoadedGraph graph = input.graph();
    metrics
        .put("input", input.source())
        .put("nodes", graph.numNodes())
        .put("edges", graph.numEdges())
        .put("input_lines", graph.stats().lines())
        .put("self_loops_dropped", graph.stats().selfLoopsDropped())
        .put("duplicates_merged", graph.stats().duplicatesMerged())
        .put("lines_skipped", graph.stats().linesSkipped())
        .put("isolated_in_input", graph.stats().isolatedNodes());
  }
}
