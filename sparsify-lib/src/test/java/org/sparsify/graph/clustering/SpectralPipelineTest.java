package org.sparsify.graph.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.metrics.PartitionAgreement;
import org.sparsify.graph.spectral.ComponentLabels;
import org.sparsify.graph.spectral.EigensolverParams;
import org.sparsify.graph.spectral.PartitionedGraph;
import org.sparsify.graph.spectral.TestGraphs;
import org.sparsify.testing.LocalSpark;
import scala.Tuple2;

class SpectralPipelineTest {

  private static final int BLOCKS = 3;
  private static final int BLOCK_SIZE = 40;
  // Two extra nodes without any edge.
  private static final int N = BLOCKS * BLOCK_SIZE + 2;

  private static SparkSession spark;
  private static JavaSparkContext sc;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start();
    sc = LocalSpark.context(spark);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void plantedBlocksRecoveredAndIsolatedUnassigned() {
    List<WeightedEdge> edges = TestGraphs.plantedPartition(BLOCKS, BLOCK_SIZE, 0.4, 0.02, 9);
    SpectralPipeline.Result result = run(edges, edges, 2);
    Map<Long, Integer> clusters = result.clustering().assignments().collectAsMap();

    assertEquals(N, clusters.size());
    assertEquals(SpectralClustering.UNASSIGNED, clusters.get((long) N - 1));
    assertEquals(SpectralClustering.UNASSIGNED, clusters.get((long) N - 2));
    assertEquals(2, result.clustering().isolatedInInput());
    assertEquals(0, result.clustering().repairedNodes());
    assertTrue(agreementWithBlocks(clusters) > 0.95, "ARI " + agreementWithBlocks(clusters));
  }

  @Test
  void nodesCutOffBySampleTakeNeighbourMajority() {
    List<WeightedEdge> input = TestGraphs.plantedPartition(BLOCKS, BLOCK_SIZE, 0.4, 0.02, 9);
    // The "sample" drops every edge of nodes 0 and 45, so only the input graph contains their block membership.
    List<WeightedEdge> sample = new ArrayList<>();
    for (WeightedEdge e : input) {
      if (e.src() != 0 && e.dst() != 0 && e.src() != 45 && e.dst() != 45) {
        sample.add(e);
      }
    }
    SpectralPipeline.Result result = run(sample, input, 2);
    Map<Long, Integer> clusters = result.clustering().assignments().collectAsMap();

    assertTrue(result.clustering().repairedNodes() >= 2, "repaired " + result.clustering().repairedNodes());
    assertEquals(clusters.get(1L), clusters.get(0L));
    assertEquals(clusters.get(46L), clusters.get(45L));
  }

  @Test
  void partitionCountDoesNotChangeClusters() {
    List<WeightedEdge> edges = TestGraphs.plantedPartition(BLOCKS, BLOCK_SIZE, 0.3, 0.05, 4);
    JavaPairRDD<Long, Integer> one = run(edges, edges, 1).clustering().assignments();
    JavaPairRDD<Long, Integer> four = run(edges, edges, 4).clustering().assignments();
    assertEquals(1.0, PartitionAgreement.adjustedRandIndex(ClusterEvaluation.contingency(one, four)), 1e-12);
  }

  @Test
  void componentsOfTwoTrianglesAndIsolatedNode() {
    List<WeightedEdge> edges = List.of(
        new WeightedEdge(0, 1, 1), new WeightedEdge(1, 2, 1), new WeightedEdge(0, 2, 1),
        new WeightedEdge(3, 4, 1), new WeightedEdge(4, 6, 1), new WeightedEdge(3, 6, 1));
    PartitionedGraph graph = PartitionedGraph.build(sc.parallelize(edges, 2), 7, 3);
    ComponentLabels components = graph.componentLabels(sc, 10);
    Map<Long, double[]> labels = components.labels().rows(1).collectAsMap();
    double[] expected = {0, 0, 0, 3, 3, 5, 3};
    for (int i = 0; i < 7; i++) {
      assertEquals(expected[i], labels.get((long) i)[0], "component of node " + i);
    }
  }

  @Test
  void distributedConductanceMatchesKernel() {
    List<WeightedEdge> edges = List.of(
        new WeightedEdge(0, 1, 1), new WeightedEdge(1, 2, 1), new WeightedEdge(0, 2, 1),
        new WeightedEdge(3, 4, 1), new WeightedEdge(4, 5, 1), new WeightedEdge(3, 5, 1), new WeightedEdge(2, 3, 1));
    List<Tuple2<Long, Integer>> clusters = new ArrayList<>();
    for (long i = 0; i < 6; i++) {
      clusters.add(new Tuple2<>(i, i < 3 ? 0 : 1));
    }
    clusters.add(new Tuple2<>(6L, SpectralClustering.UNASSIGNED));
    JavaPairRDD<Long, Integer> assignments = sc.parallelizePairs(clusters, 2);

    double[] conductance = ClusterEvaluation.conductance(sc.parallelize(edges, 2), assignments, 2);
    assertEquals(1.0 / 7.0, conductance[0], 1e-15);
    assertEquals(1.0 / 7.0, conductance[1], 1e-15);
    long[] sizes = ClusterEvaluation.clusterSizes(assignments, 2);
    assertEquals(3, sizes[0]);
    assertEquals(3, sizes[1]);
  }

  private static SpectralPipeline.Result run(List<WeightedEdge> graphEdges, List<WeightedEdge> inputEdges, int parts) {
    SpectralPipeline.Params params = new SpectralPipeline.Params(Double.NaN, parts,
        new EigensolverParams(BLOCKS, BLOCKS + 5, 1e-5, 200, 10, 17), new ClusteringParams(BLOCKS, 2, 20, 10, 17));
    return SpectralPipeline.run(sc, sc.parallelize(graphEdges, 3), sc.parallelize(inputEdges, 3), N, params,
        (pass, residual, millis) -> {});
  }

  private static double agreementWithBlocks(Map<Long, Integer> clusters) {
    List<Tuple2<Long, Integer>> truth = new ArrayList<>();
    for (long i = 0; i < BLOCKS * BLOCK_SIZE; i++) {
      truth.add(new Tuple2<>(i, (int) (i / BLOCK_SIZE)));
    }
    List<Tuple2<Long, Integer>> found = new ArrayList<>();
    clusters.forEach((node, cluster) -> found.add(new Tuple2<>(node, cluster)));
    return PartitionAgreement.adjustedRandIndex(
        ClusterEvaluation.contingency(sc.parallelizePairs(found), sc.parallelizePairs(truth)));
  }

  // ---------------------------------------------------------------- neighbour repair

  private static Map<Long, Integer> repair(List<WeightedEdge> edges, Map<Long, Integer> labels, List<Long> pending,
      int rounds, long broadcastLimit) {
    JavaRDD<WeightedEdge> edgeRdd = sc.parallelize(edges, 3);
    List<Tuple2<Long, Integer>> labelled = new ArrayList<>();
    labels.forEach((node, label) -> labelled.add(new Tuple2<>(node, label)));
    List<Tuple2<Long, Boolean>> open = new ArrayList<>();
    pending.forEach(node -> open.add(new Tuple2<>(node, true)));
    JavaPairRDD<Long, Integer> known = sc.parallelizePairs(labelled, 2);
    JavaPairRDD<Long, Boolean> todo = sc.parallelizePairs(open, 2);
    NeighborRepair.Outcome outcome = NeighborRepair.run(edgeRdd, known, todo, rounds, broadcastLimit);
    return new TreeMap<>(outcome.repaired().collectAsMap());
  }

  @Test
  void repairTiesGoToSmallerCluster() {
    List<WeightedEdge> path = List.of(new WeightedEdge(0, 1, 1), new WeightedEdge(1, 2, 1), new WeightedEdge(2, 3, 1),
        new WeightedEdge(3, 4, 1));
    Map<Long, Integer> expected = Map.of(1L, 0, 3L, 1, 2L, 0);
    for (long limit : new long[] {0, NeighborRepair.BROADCAST_LIMIT}) {
      assertEquals(new TreeMap<>(expected), repair(path, Map.of(0L, 0, 4L, 1), List.of(1L, 2L, 3L), 5, limit),
          "broadcast limit " + limit);
    }
  }

  @Test
  void broadcastAndJoinAgreeOnRandomGraph() {
    Random random = new Random(8);
    List<WeightedEdge> edges = new ArrayList<>();
    for (int e = 0; e < 3000; e++) {
      long u = random.nextInt(600);
      long v = random.nextInt(600);
      if (u != v) {
        edges.add(new WeightedEdge(u, v, 1));
      }
    }
    Map<Long, Integer> labels = new TreeMap<>();
    List<Long> pending = new ArrayList<>();
    for (long node = 0; node < 600; node++) {
      if (random.nextDouble() < 0.7) {
        labels.put(node, random.nextInt(4));
      } else {
        pending.add(node);
      }
    }
    Map<Long, Integer> joined = repair(edges, labels, pending, 3, 0);
    Map<Long, Integer> broadcast = repair(edges, labels, pending, 3, NeighborRepair.BROADCAST_LIMIT);
    assertEquals(joined, broadcast);
    assertEquals(pending.size(), joined.size(), "every pending node has a labelled node within three hops here");
  }
}
