package org.sparsify.it.spectral;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.clustering.ClusterEvaluation;
import org.sparsify.graph.clustering.SpectralPipeline;
import org.sparsify.graph.io.LoadedGraph;
import org.sparsify.graph.metrics.ContingencyTable;
import org.sparsify.graph.metrics.PartitionAgreement;
import org.sparsify.graph.sampling.SamplingSpec;
import org.sparsify.graph.sampling.UniformEdgeSampler;

/** The product's spectral pipeline as the spectral job runs it, with the measures of the quality floors. */
final class QualityRuns {

  /** Seeds over which every floor is averaged. */
  static final long[] SEEDS = {1, 2, 3};

  private QualityRuns() {}

  static SparkSession startSpark() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("spectral-quality")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** Runs the pipeline with the job's defaults on a Bernoulli(p) sample of the graph (p = 1: the graph itself). */
  static SpectralPipeline.Result run(JavaSparkContext sc, LoadedGraph graph, double p, int k, long seed) {
    JavaRDD<WeightedEdge> edges = p < 1.0
        ? UniformEdgeSampler.sample(graph, new SamplingSpec.Bernoulli(p), seed).edges()
        : graph.edges();
    SpectralPipeline.Params params = SpectralPipeline.Params.defaults(k, sc.defaultParallelism(), seed);
    return SpectralPipeline.run(sc, edges, graph.edges(), graph.numNodes(), params, (pass, residual, millis) -> {});
  }

  static double ari(JavaPairRDD<Long, Integer> first, JavaPairRDD<Long, Integer> second) {
    return PartitionAgreement.adjustedRandIndex(ClusterEvaluation.contingency(first, second));
  }

  static double nmi(JavaPairRDD<Long, Integer> first, JavaPairRDD<Long, Integer> second) {
    ContingencyTable table = ClusterEvaluation.contingency(first, second);
    return PartitionAgreement.normalizedMutualInformation(table);
  }

  /** Collects per-seed values of one measure and prints them with their mean, for the record. */
  static final class Measure {
    private final String name;
    private final List<Double> values = new ArrayList<>();

    Measure(String name) {
      this.name = name;
    }

    void add(double value) {
      values.add(value);
    }

    double mean() {
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      System.out.printf(Locale.ROOT, "quality %s: mean %.4f over seeds, values %s%n", name, mean, values);
      return mean;
    }
  }
}
