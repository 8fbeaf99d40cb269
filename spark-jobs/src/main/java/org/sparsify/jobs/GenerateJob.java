package org.sparsify.jobs;

import java.io.IOException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.graph.generate.PlantedPartition;
import org.sparsify.graph.generate.PlantedPartitionGenerator;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;

/**
 * The {@code generate} job: writes a planted-partition graph as a text edge list ({@code edges/},
 * lines {@code u<TAB>v}) with its ground-truth labels ({@code labels/}, lines {@code node cluster}),
 * so that benchmarks and other tools can read the same graph.
 */
public final class GenerateJob {

  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);
  static final String NAME = "generate";

  private GenerateJob() {}

  static JobOptions options() {
    PlantedPartition d = PlantedPartition.defaults();
    return new JobOptions(NAME, "Writes a seeded planted-partition graph and its cluster labels.")
        .option("gen-clusters", Integer.toString(d.clusters()), "count", "number of planted clusters")
        .option("gen-cluster-size", Integer.toString(d.clusterSize()), "nodes", "nodes per cluster")
        .option("gen-p-in", Double.toString(d.pIn()), "probability", "edge probability within a cluster")
        .option("gen-p-out", Double.toString(d.pOut()), "probability", "edge probability between clusters")
        .option("gen-seed", "1", "integer", "seed of the generated graph")
        .option("partitions", "0", "count", "number of output files; 0 uses Spark's default parallelism")
        .option("output", null, "dir", "output directory (any Hadoop path); must not exist unless --overwrite")
        .flag("overwrite", "replace an existing output directory");
  }

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the job with the active (or a new) SparkSession and returns the exit code. */
  public static int run(String[] args) {
    return JobRunner.run(NAME, options(), args, GenerateJob::execute);
  }

  private static void execute(
      SparkSession spark, JobOptions.Parsed options, OutputDirectory output, MetricsJson metrics)
      throws IOException {
    PlantedPartition model = new PlantedPartition(
        options.intValue("gen-clusters"), options.intValue("gen-cluster-size"),
        options.doubleValue("gen-p-in"), options.doubleValue("gen-p-out"));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = options.intValue("partitions");

    long start = System.nanoTime();
    PlantedPartitionGenerator.PlantedGraph planted = PlantedPartitionGenerator.generate(
        sc, model, options.longValue("gen-seed"), partitions > 0 ? partitions : sc.defaultParallelism());
    metrics.timing("generate", JobRunner.millisSince(start));
    LOG.info("generate: {} nodes, {} edges, {} isolated ({} ms)", planted.graph().numNodes(),
        planted.graph().numEdges(), planted.graph().stats().isolatedNodes(), JobRunner.millisSince(start));

    start = System.nanoTime();
    planted.graph().edges().map(e -> e.src() + "\t" + e.dst()).saveAsTextFile(output.path("edges"));
    planted.labels().map(t -> t._1() + " " + t._2()).saveAsTextFile(output.path("labels"));
    metrics.timing("write", JobRunner.millisSince(start));
    metrics.put("model", model.toString())
        .put("nodes", planted.graph().numNodes())
        .put("edges", planted.graph().numEdges())
        .put("expected_edges", model.expectedEdges())
        .put("isolated_in_input", planted.graph().stats().isolatedNodes());
    LOG.info("write: edges and labels ({} ms)", JobRunner.millisSince(start));
  }
}
