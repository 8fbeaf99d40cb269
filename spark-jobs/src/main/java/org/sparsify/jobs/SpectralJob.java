package org.sparsify.jobs;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.graph.clustering.ClusterEvaluation;
import org.sparsify.graph.clustering.ClusteringParams;
import org.sparsify.graph.clustering.ClusteringResult;
import org.sparsify.graph.clustering.SpectralPipeline;
import org.sparsify.graph.io.LoadedGraph;
import org.sparsify.graph.metrics.ContingencyTable;
import org.sparsify.graph.metrics.PartitionAgreement;
import org.sparsify.graph.sampling.SampledGraph;
import org.sparsify.graph.sampling.SamplingSpec;
import org.sparsify.graph.sampling.UniformEdgeSampler;
import org.sparsify.graph.spectral.EigenResult;
import org.sparsify.graph.spectral.EigensolverParams;
import org.sparsify.graph.spectral.Subspaces;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.GraphInput;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;

/**
 * The {@code spectral} job: loads a graph (or generates one), samples its edges uniformly, computes
 * the bottom k eigenvectors of the sample's regularised normalized Laplacian, clusters the
 * nodes, and reports what the sampling cost against labels and, with {@code --compare-full},
 * against the same pipeline on the unsampled graph.
 *
 * <p>Outputs: {@code assignments/} (CSV lines {@code node_id,cluster}; cluster -1 for nodes without
 * a cluster), {@code assignments.parquet/}, {@code embedding.parquet/} (node id and the k
 * coordinates {@code v1..vk}: the bottom eigenvectors of the regularised normalized Laplacian, before row normalisation) and {@code metrics.json}.
 */
public final class SpectralJob {

  private static final Logger LOG = LoggerFactory.getLogger(SpectralJob.class);
  static final String NAME = "spectral";

  private SpectralJob() {}

  /** Returns the declared options of the job. */
  static JobOptions options() {
    JobOptions options = new JobOptions(NAME,
        "Spectral clustering of a uniformly sampled graph, with its cost in quality and time.");
    GraphInput.declare(options)
        .option("k", "4", "count", "number of clusters; the solver converges k eigenpairs and estimates eigenvalue k + 1")
        .option("labels", null, "path", "ground-truth labels, one 'node label' or CSV 'node,...,label' line per node, for ARI and NMI")
        .option("sample", "bernoulli:0.5", "spec", "bernoulli:P, budget:Q, budget-per-node-log:C, or none to cluster the input itself")
        .option("seed", "42", "integer", "seed of the sample, the start block and k-means")
        .flag("compare-full", "also run on the unsampled graph and report ARI, sin theta and eigenvalues against it")
        .option("tau", "mean", "mean|number", "degree regularisation tau of D + tau*I; 'mean' is the mean weighted degree, 0 the plain Laplacian")
        .option("tolerance", Double.toString(EigensolverParams.TOLERANCE_DEFAULT), "residual", "eigenvector convergence: largest ||L x - lambda x|| of the k wanted vectors")
        .option("max-passes", Integer.toString(EigensolverParams.MAX_PASSES_DEFAULT), "passes", "limit on operator applications per eigensolve")
        .option("oversampling", "0", "columns", "extra block columns beyond k; at least 1, and 0 picks max(4, k / 4)")
        .option("kmeans-runs", Integer.toString(ClusteringParams.RUNS_DEFAULT), "count", "k-means runs; the lowest cost wins")
        .option("solver-partitions", "0", "count", "row parts of the distributed eigenvector blocks; 0 means Spark's default parallelism")
        .option("checkpoint-dir", null, "dir", "reliable checkpoint directory for long solves; omitted means local checkpoints")
        .option("output", null, "dir", "output directory (any Hadoop path); must not exist unless --overwrite")
        .flag("overwrite", "replace an existing output directory");
    return options;
  }

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the job with the active (or a new) SparkSession and returns the exit code. */
  public static int run(String[] args) {
    return JobRunner.run(NAME, options(), args, SpectralJob::execute);
  }

  private static void execute(SparkSession spark, JobOptions.Parsed options, OutputDirectory output, MetricsJson metrics)
      throws IOException {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (options.has("checkpoint-dir")) {
      sc.setCheckpointDir(options.required("checkpoint-dir"));
    }
    long seed = options.longValue("seed");
    SpectralPipeline.Params params = params(options, sc, seed);
    int k = params.clustering().k();

    SamplingSpec spec = SamplingSpec.parse(options.required("sample")); // fails before the graph is read

    long start = System.nanoTime();
    JobRunner.describe("load");
    GraphInput.Result input = GraphInput.read(spark, options);
    LoadedGraph graph = input.graph();
    metrics.timing("load", JobRunner.millisSince(start));
    GraphInput.report(input, metrics);
    LOG.info("load: {} nodes, {} edges, {} isolated nodes ({} ms)",
        graph.numNodes(), graph.numEdges(), graph.stats().isolatedNodes(), JobRunner.millisSince(start));

    start = System.nanoTime();
    JobRunner.describe("sample");
    SampledGraph sample = UniformEdgeSampler.sample(graph, spec, seed);
    metrics.timing("sample", JobRunner.millisSince(start));
    SampleJob.report(sample, metrics);
    LOG.info("sample {}: kept {} of {} edges, {} nodes without edges ({} ms)", sample.spec(), sample.keptEdges(),
        sample.numEdges(), sample.isolatedAfterSampling(), JobRunner.millisSince(start));

    SpectralPipeline.Result sampled = runPipeline("sampled", sc, sample.edges(), graph, params);
    report(sampled, "", graph, k, metrics);

    JavaPairRDD<Long, Integer> labels = labels(sc, options, input, metrics);
    if (labels != null) {
      reportAgreement(sampled.clustering().assignments(), labels, "", metrics);
    }
    if (options.flag("compare-full")) {
      compareFull(sc, graph, params, sampled, labels, metrics);
    }

    start = System.nanoTime();
    JobRunner.describe("write");
    writeOutputs(spark, graph, sampled, k, output);
    metrics.timing("write", JobRunner.millisSince(start));
    LOG.info("write: assignments and embedding ({} ms)", JobRunner.millisSince(start));
  }

  private static SpectralPipeline.Params params(JobOptions.Parsed options, JavaSparkContext sc, long seed) {
    int k = options.intValue("k");
    String tauText = options.required("tau");
    double tau = tauText.equals("mean") ? Double.NaN : parseTau(tauText);
    int oversampling = options.intValue("oversampling");
    int blockSize = oversampling > 0 ? k + oversampling : EigensolverParams.defaultBlockSize(k);
    int partitions = options.intValue("solver-partitions");
    EigensolverParams solver = new EigensolverParams(k, blockSize, options.doubleValue("tolerance"),
        options.intValue("max-passes"), EigensolverParams.CHECKPOINT_INTERVAL_DEFAULT, seed);
    ClusteringParams clustering = new ClusteringParams(k, options.intValue("kmeans-runs"),
        ClusteringParams.MAX_ITERATIONS_DEFAULT, ClusteringParams.REPAIR_ROUNDS_DEFAULT, seed);
    return new SpectralPipeline.Params(tau, partitions > 0 ? partitions : sc.defaultParallelism(), solver, clustering);
  }

  private static double parseTau(String text) {
    try {
      double tau = Double.parseDouble(text);
      if (tau >= 0.0 && Double.isFinite(tau)) {
        return tau;
      }
    } catch (NumberFormatException e) {
      // Reported below with the rule.
    }
    throw new IllegalArgumentException("--tau must be 'mean' or a finite number >= 0 but was '" + text + "'");
  }

  private static SpectralPipeline.Result runPipeline(
      String name, JavaSparkContext sc, JavaRDD<org.sparsify.graph.WeightedEdge> edges, LoadedGraph graph,
      SpectralPipeline.Params params) {
    SpectralPipeline.Listener progress = new SpectralPipeline.Listener() {
      @Override
      public void onPass(int pass, double residual, long millis) {
        String measured = Double.isNaN(residual) ? "not measured in the first pass" : Double.toString(residual);
        LOG.info("{} eigensolver pass {}: max residual {} ({} ms)", name, pass, measured, millis);
        JobRunner.describe(name + " embed pass " + (pass + 1));
      }

      @Override
      public void onClustering() {
        JobRunner.describe(name + " k-means");
      }
    };
    JobRunner.describe(name + " embed pass 1");
    SpectralPipeline.Result result = SpectralPipeline.run(sc, edges, graph.edges(), graph.numNodes(), params, progress);
    EigenResult eigen = result.eigen();
    if (!eigen.converged()) {
      LOG.warn("{}: the eigensolver stopped after {} passes with vectors {} above the tolerance {}; residuals {}",
          name, eigen.passes(), eigen.unconverged(), eigen.tolerance(), Arrays.toString(eigen.residuals()));
    }
    ClusteringResult clusters = result.clustering();
    LOG.info("{}: tau {}, eigenvalues {}, {} passes, {} clustered, {} repaired, {} fallback, {} unassigned ({} + {} ms)",
        name, result.tau(), Arrays.toString(reported(eigen.eigenvalues(), params.clustering().k())), eigen.passes(),
        clusters.clusteredNodes(), clusters.repairedNodes(), clusters.fallbackNodes(), clusters.unassignedNodes(),
        result.embedMillis(), result.clusterMillis());
    return result;
  }

  /** Adds the metrics of one pipeline run, with keys suffixed by {@code suffix}. */
  private static void report(SpectralPipeline.Result result, String suffix, LoadedGraph graph, int k, MetricsJson metrics) {
    EigenResult eigen = result.eigen();
    ClusteringResult clusters = result.clustering();
    metrics
        .put("tau" + suffix, result.tau())
        .put("eigenvalues" + suffix, toList(reported(eigen.eigenvalues(), k)))
        .put("residuals" + suffix, toList(reported(eigen.residuals(), k)))
        .put("converged" + suffix, eigen.converged())
        .put("unconverged_vectors" + suffix, eigen.unconverged())
        .put("passes" + suffix, eigen.passes())
        .put("block_size" + suffix, eigen.vectors().width())
        .put("repaired_nodes" + suffix, clusters.repairedNodes())
        .put("fallback_nodes" + suffix, clusters.fallbackNodes())
        .put("unassigned_nodes" + suffix, clusters.unassignedNodes())
        .put("largest_sampled_component" + suffix, clusters.largestComponentSize())
        .put("component_passes" + suffix, clusters.componentPasses())
        .put("kmeans_cost" + suffix, clusters.kmeansCost())
        .put("cluster_sizes" + suffix, toList(ClusterEvaluation.clusterSizes(clusters.assignments(), k)))
        .put("conductance" + suffix, toList(ClusterEvaluation.conductance(graph.edges(), clusters.assignments(), k)));
    String stage = suffix.isEmpty() ? "" : "_full";
    metrics.timing("embed" + stage, result.embedMillis()).timing("cluster" + stage, result.clusterMillis());
  }

  private static JavaPairRDD<Long, Integer> labels(
      JavaSparkContext sc, JobOptions.Parsed options, GraphInput.Result input, MetricsJson metrics) {
    if (options.has("labels")) {
      SpectralLabels.Result read = SpectralLabels.read(sc, options.required("labels"), input.graph());
      metrics.put("label_classes", read.names().size()).put("labels_unmatched", read.unmatched());
      return read.byIndex();
    }
    return input.labels();
  }

  /** Adds ARI and NMI of the clustering against the labels, over labelled nodes with a cluster. */
  private static void reportAgreement(
      JavaPairRDD<Long, Integer> assignments, JavaPairRDD<Long, Integer> labels, String suffix, MetricsJson metrics) {
    ContingencyTable table = ClusterEvaluation.contingency(assignments, labels);
    double ari = PartitionAgreement.adjustedRandIndex(table);
    double nmi = PartitionAgreement.normalizedMutualInformation(table);
    metrics.put("ari" + suffix, ari).put("nmi" + suffix, nmi);
    LOG.info("agreement with labels{}: ARI {}, NMI {}", suffix, ari, nmi);
  }

  private static void compareFull(
      JavaSparkContext sc, LoadedGraph graph, SpectralPipeline.Params params, SpectralPipeline.Result sampled,
      JavaPairRDD<Long, Integer> labels, MetricsJson metrics) {
    SpectralPipeline.Result full = runPipeline("full", sc, graph.edges(), graph, params);
    int k = params.clustering().k();
    report(full, "_full", graph, k, metrics);
    if (labels != null) {
      reportAgreement(full.clustering().assignments(), labels, "_full", metrics);
    }
    double ariVsFull = PartitionAgreement.adjustedRandIndex(
        ClusterEvaluation.contingency(sampled.clustering().assignments(), full.clustering().assignments()));
    double sinTheta = Subspaces.sinTheta(sampled.eigen().vectors(), full.eigen().vectors(), k);
    metrics.put("ari_vs_full", ariVsFull).put("sin_theta_vs_full", sinTheta);
    LOG.info("sampled vs full: ARI {}, sin theta of the {}-dimensional embeddings {}", ariVsFull, k, sinTheta);
    full.release();
  }

  private static void writeOutputs(
      SparkSession spark, LoadedGraph graph, SpectralPipeline.Result result, int k, OutputDirectory output) {
    boolean numeric = graph.numericIds();
    DataType idType = numeric ? DataTypes.LongType : DataTypes.StringType;
    JavaPairRDD<Long, Object> ids = graph.nodeIds().mapValues(id -> numeric ? (Object) Long.parseLong(id) : id);

    // Written twice (text and Parquet), so the join is cached instead of run twice.
    JavaRDD<Row> assignments = result.clustering().assignments().join(ids)
        .map(entry -> RowFactory.create(entry._2()._2(), entry._2()._1()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    assignments.map(row -> row.get(0) + "," + row.get(1)).saveAsTextFile(output.path("assignments"));
    StructType assignmentSchema = new StructType()
        .add("node", idType, false).add("cluster", DataTypes.IntegerType, false);
    spark.createDataFrame(assignments, assignmentSchema).write().mode(SaveMode.ErrorIfExists)
        .parquet(output.path("assignments.parquet"));
    assignments.unpersist(false);

    JavaRDD<Row> embedding = result.eigen().vectors().rows(k).join(ids)
        .map(entry -> RowFactory.create(embeddingRow(entry._2()._2(), entry._2()._1())));
    StructType embeddingSchema = new StructType().add("node", idType, false);
    for (int c = 0; c < k; c++) {
      embeddingSchema = embeddingSchema.add("v" + (c + 1), DataTypes.DoubleType, false);
    }
    spark.createDataFrame(embedding, embeddingSchema).write().mode(SaveMode.ErrorIfExists)
        .parquet(output.path("embedding.parquet"));
  }

  private static Object[] embeddingRow(Object id, double[] coordinates) {
    Object[] fields = new Object[coordinates.length + 1];
    fields[0] = id;
    for (int c = 0; c < coordinates.length; c++) {
      fields[c + 1] = coordinates[c];
    }
    return fields;
  }

  /** Returns the first k + 1 values: the k converged pairs and the estimate of λ_(k+1). */
  private static double[] reported(double[] values, int k) {
    return Arrays.copyOf(values, k + 1);
  }

  private static List<Double> toList(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  private static List<Long> toList(long[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
