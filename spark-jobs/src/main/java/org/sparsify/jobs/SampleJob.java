package org.sparsify.jobs;

import java.io.IOException;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.graph.io.LoadedGraph;
import org.sparsify.graph.sampling.SampledGraph;
import org.sparsify.graph.sampling.SamplingSpec;
import org.sparsify.graph.sampling.UniformEdgeSampler;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.EdgeOutput;
import org.sparsify.jobs.io.GraphInput;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;

/**
 * The {@code sample} job: loads a graph (or generates one), samples its edges uniformly and writes
 * the sparsified edge list as text ({@code edges/}) and Parquet ({@code edges.parquet/}), with
 * {@code metrics.json}.
 */
public final class SampleJob {

  private static final Logger LOG = LoggerFactory.getLogger(SampleJob.class);
  static final String NAME = "sample";

  private SampleJob() {}

  /** Returns the declared options of the job. */
  static JobOptions options() {
    JobOptions options =
        new JobOptions(NAME, "Uniformly samples the edges of an undirected graph and reweights them.");
    GraphInput.declare(options)
        .option("sample", "bernoulli:0.5", "spec", "bernoulli:P (keep each edge with probability P, weight 1/P), budget:Q (Q draws with replacement) or budget-per-node-log:C (Q = C*n*ln n)")
        .option("seed", "42", "integer", "seed of the sample")
        .option("output", null, "dir", "output directory (any Hadoop path); must not exist unless --overwrite")
        .flag("overwrite", "replace an existing output directory");
    return options;
  }

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the job with the active (or a new) SparkSession and returns the exit code. */
  public static int run(String[] args) {
    return JobRunner.run(NAME, options(), args, SampleJob::execute);
  }

  private static void execute(
      SparkSession spark, JobOptions.Parsed options, OutputDirectory output, MetricsJson metrics)
      throws IOException {
    SamplingSpec spec = SamplingSpec.parse(options.required("sample"));
    long seed = options.longValue("seed");

    long start = System.nanoTime();
    JobRunner.describe("load");
    GraphInput.Result input = GraphInput.read(spark, options);
    LoadedGraph graph = input.graph();
    metrics.timing("load", JobRunner.millisSince(start));
    GraphInput.report(input, metrics);
    LOG.info("load: {} nodes, {} edges, {} self-loops dropped, {} duplicates merged, {} lines skipped, {} isolated nodes ({} ms)",
        graph.numNodes(), graph.numEdges(), graph.stats().selfLoopsDropped(), graph.stats().duplicatesMerged(),
        graph.stats().linesSkipped(), graph.stats().isolatedNodes(), JobRunner.millisSince(start));

    start = System.nanoTime();
    JobRunner.describe("sample");
    SampledGraph sample = UniformEdgeSampler.sample(graph, spec, seed);
    metrics.timing("sample", JobRunner.millisSince(start));
    report(sample, metrics);
    LOG.info("sample {}: kept {} of {} edges, weight {} -> {}, {} nodes without edges ({} ms)",
        spec, sample.keptEdges(), sample.numEdges(), sample.weightBefore(), sample.weightAfter(),
        sample.isolatedAfterSampling(), JobRunner.millisSince(start));

    start = System.nanoTime();
    JobRunner.describe("write");
    EdgeOutput.write(spark, sample.edges(), graph.nodeIds(), graph.numericIds(),
        output.path("edges"), output.path("edges.parquet"));
    metrics.timing("write", JobRunner.millisSince(start));
    LOG.info("write: edges as text and Parquet ({} ms)", JobRunner.millisSince(start));
  }

  /** Adds the sample's counts to {@code metrics}. */
  static void report(SampledGraph sample, MetricsJson metrics) {
    metrics
        .put("sample", sample.spec().toString())
        .put("budget_draws", sample.draws())
        .put("sampled_edges", sample.keptEdges())
        .put("weight_before", sample.weightBefore())
        .put("weight_after", sample.weightAfter())
        .put("isolated_after_sampling", sample.isolatedAfterSampling());
  }
}
