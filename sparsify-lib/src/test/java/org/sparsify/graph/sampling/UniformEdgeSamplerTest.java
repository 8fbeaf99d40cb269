package org.sparsify.graph.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.generate.PlantedPartition;
import org.sparsify.graph.generate.PlantedPartitionGenerator;
import org.sparsify.graph.io.LoadedGraph;
import org.sparsify.testing.LocalSpark;

class UniformEdgeSamplerTest {

  /** Allowed deviation from an expectation, in standard deviations. */
  private static final double SIGMAS = 4.5;

  private static SparkSession spark;
  private static LoadedGraph graph;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start();
    graph = PlantedPartitionGenerator.generate(
        LocalSpark.context(spark), new PlantedPartition(4, 150, 0.1, 0.01), 3, 4).graph();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static List<WeightedEdge> sorted(List<WeightedEdge> edges) {
    return edges.stream()
        .sorted(Comparator.comparingLong(WeightedEdge::src).thenComparingLong(WeightedEdge::dst))
        .collect(Collectors.toList());
  }

  private static LoadedGraph repartitioned(int partitions) {
    return new LoadedGraph(graph.edges().repartition(partitions).persist(StorageLevel.MEMORY_ONLY()),
        graph.numNodes(), graph.numEdges(), graph.nodeIds(), graph.numericIds(), graph.stats());
  }

  @Test
  void bernoulliCountsAndWeightsOverSeeds() {
    double p = 0.3;
    long m = graph.numEdges();
    double sigma = Math.sqrt(m * p * (1 - p));
    double weightSum = 0;
    int seeds = 12;
    for (int seed = 0; seed < seeds; seed++) {
      SampledGraph sample = UniformEdgeSampler.sample(graph, new SamplingSpec.Bernoulli(p), seed);
      assertEquals(m * p, sample.keptEdges(), SIGMAS * sigma, "kept edges at seed " + seed);
      assertEquals(sample.keptEdges() / p, sample.weightAfter(), 1e-6 * m);
      assertEquals(m, sample.weightBefore(), 1e-9);
      weightSum += sample.weightAfter();
      sample.edges().unpersist();
    }
    // Total weight is kept/p with variance m(1-p)/p per seed; its mean over seeds is unbiased.
    double weightSigma = Math.sqrt(m * (1 - p) / p / seeds);
    assertEquals(m, weightSum / seeds, SIGMAS * weightSigma);
  }

  @Test
  void budgetDrawsAreUnbiased() {
    long m = graph.numEdges();
    long q = m / 4;
    double weightSum = 0;
    int seeds = 12;
    for (int seed = 0; seed < seeds; seed++) {
      SampledGraph sample = UniformEdgeSampler.sample(graph, new SamplingSpec.Budget(q), seed);
      assertEquals(q, sample.draws());
      // Distinct kept edges: each edge is kept with probability 1 - exp(-q/m).
      double keep = 1 - Math.exp(-(double) q / m);
      assertEquals(m * keep, sample.keptEdges(), SIGMAS * Math.sqrt(m * keep * (1 - keep)));
      weightSum += sample.weightAfter();
      sample.edges().unpersist();
    }
    // Each edge weighs k*m/q with k ~ Poisson(q/m): variance m/q per edge.
    assertEquals(m, weightSum / seeds, SIGMAS * Math.sqrt(m * ((double) m / q) / seeds));
  }

  @Test
  void budgetPerNodeLogUsesNodeCount() {
    SampledGraph sample = UniformEdgeSampler.sample(graph, new SamplingSpec.BudgetPerNodeLog(0.5), 1);
    long n = graph.numNodes();
    assertEquals((long) Math.ceil(0.5 * n * Math.log(n)), sample.draws());
  }

  @Test
  void sameSampleAtAnyPartitionCount() {
    SamplingSpec spec = new SamplingSpec.Bernoulli(0.3);
    List<WeightedEdge> reference = sorted(UniformEdgeSampler.sample(graph, spec, 99).edges().collect());
    double referenceWeight = UniformEdgeSampler.sample(graph, spec, 99).weightAfter();
    for (int partitions : new int[] {1, 4, 16}) {
      SampledGraph sample = UniformEdgeSampler.sample(repartitioned(partitions), spec, 99);
      assertEquals(reference, sorted(sample.edges().collect()), "at " + partitions + " partitions");
      assertEquals(referenceWeight, sample.weightAfter(), 0.0, "exact total weight at " + partitions + " partitions");
    }
    SamplingSpec budget = new SamplingSpec.Budget(graph.numEdges() / 3);
    List<WeightedEdge> budgetReference = sorted(UniformEdgeSampler.sample(graph, budget, 5).edges().collect());
    assertEquals(budgetReference, sorted(UniformEdgeSampler.sample(repartitioned(7), budget, 5).edges().collect()));
  }

  @Test
  void sameSampleOnRecompute() {
    SampledGraph sample = UniformEdgeSampler.sample(graph, new SamplingSpec.Bernoulli(0.2), 8);
    List<WeightedEdge> first = sorted(sample.edges().collect());
    sample.edges().unpersist(true);
    assertEquals(first, sorted(sample.edges().collect()));
  }

  @Test
  void isolatedAfterSamplingCountsNodesWithoutKeptEdges() {
    SampledGraph sample = UniformEdgeSampler.sample(graph, new SamplingSpec.Bernoulli(0.02), 4);
    long withEdges = sample.edges().flatMap(e -> List.of(e.src(), e.dst()).iterator()).distinct().count();
    assertEquals(graph.numNodes() - withEdges, sample.isolatedAfterSampling());
    assertTrue(sample.isolatedAfterSampling() > 0, "a 2% sample of a sparse graph isolates some nodes");
  }

  @Test
  void endpointCountAcrossBitmapWords() {
    List<WeightedEdge> edges = List.of(new WeightedEdge(0, 63, 1.0), new WeightedEdge(64, 127, 1.0),
        new WeightedEdge(5, 200, 2.0), new WeightedEdge(63, 200, 1.0));
    org.apache.spark.api.java.JavaRDD<WeightedEdge> rdd = LocalSpark.context(spark).parallelize(edges, 3);
    assertEquals(6, UniformEdgeSampler.countEndpoints(rdd, 201));
    assertEquals(0, UniformEdgeSampler.countEndpoints(LocalSpark.context(spark).emptyRDD(), 201));
  }

  @Test
  void noneKeepsEverything() {
    SampledGraph sample = UniformEdgeSampler.sample(graph, new SamplingSpec.None(), 1);
    assertEquals(graph.numEdges(), sample.keptEdges());
    assertEquals(sample.weightBefore(), sample.weightAfter(), 1e-9);
  }
}
