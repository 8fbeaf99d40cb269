package org.sparsify.graph.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.testing.LocalSpark;

class PlantedPartitionGeneratorTest {

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void rowEdgesFollowBlockProbabilities() {
    PlantedPartition model = new PlantedPartition(5, 400, 0.05, 0.002);
    long within = 0;
    long across = 0;
    for (long u = 0; u < model.numNodes(); u++) {
      for (WeightedEdge e : PlantedPartitionRows.row(model, 17, u)) {
        assertTrue(e.src() == u, e.toString());
        assertTrue(e.dst() > u, e.toString());
        assertTrue(e.dst() < model.numNodes(), e.toString());
        if (model.clusterOf(e.src()) == model.clusterOf(e.dst())) {
          within++;
        } else {
          across++;
        }
      }
    }
    double withinPairs = 5 * 400.0 * 399 / 2;
    double acrossPairs = 10 * 400.0 * 400;
    assertEquals(withinPairs * 0.05, within, 4.5 * Math.sqrt(withinPairs * 0.05 * 0.95));
    assertEquals(acrossPairs * 0.002, across, 4.5 * Math.sqrt(acrossPairs * 0.002 * 0.998));
  }

  @Test
  void completeAndEmptyBlocks() {
    PlantedPartition model = new PlantedPartition(2, 10, 1.0, 0.0);
    long edges = 0;
    for (long u = 0; u < 20; u++) {
      edges += PlantedPartitionRows.row(model, 1, u).size();
    }
    assertEquals(2 * 45, edges);
  }

  @Test
  void sameGraphAtAnyPartitionCount() {
    PlantedPartition model = new PlantedPartition(3, 100, 0.1, 0.01);
    List<WeightedEdge> one = sorted(PlantedPartitionGenerator.generate(LocalSpark.context(spark), model, 5, 1));
    List<WeightedEdge> many = sorted(PlantedPartitionGenerator.generate(LocalSpark.context(spark), model, 5, 7));
    assertEquals(one, many);
  }

  @Test
  void labelsAndCounts() {
    PlantedPartition model = new PlantedPartition(3, 50, 0.2, 0.0);
    PlantedPartitionGenerator.PlantedGraph planted =
        PlantedPartitionGenerator.generate(LocalSpark.context(spark), model, 2, 3);
    assertEquals(150, planted.graph().numNodes());
    Map<Long, Integer> labels = planted.labels().collectAsMap();
    assertEquals(150, labels.size());
    assertEquals(0, labels.get(49L));
    assertEquals(2, labels.get(149L));
    assertEquals(planted.graph().numEdges(), planted.graph().edges().count());
  }

  @Test
  void invalidParametersRejected() {
    assertThrows(IllegalArgumentException.class, () -> new PlantedPartition(0, 10, 0.1, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new PlantedPartition(2, 10, 1.5, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new PlantedPartition(2, 10, 0.1, Double.NaN));
  }

  private static List<WeightedEdge> sorted(PlantedPartitionGenerator.PlantedGraph planted) {
    return planted.graph().edges().collect().stream()
        .sorted(Comparator.comparingLong(WeightedEdge::src).thenComparingLong(WeightedEdge::dst))
        .collect(Collectors.toList());
  }
}
