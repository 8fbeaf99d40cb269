package org.sparsify.graph.clustering;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.sparsify.common.ExactSums;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.metrics.Conductance;
import org.sparsify.graph.metrics.ContingencyTable;
import scala.Tuple2;

/**
 * Distributed inputs of the Spark-free metrics in {@code org.sparsify.graph.metrics}: contingency
 * tables of two labellings and per-cluster cut and volume. Each is one aggregation whose result has
 * (number of labels)² or k entries; nothing of size n reaches the driver.
 */
public final class ClusterEvaluation {

  private ClusterEvaluation() {}

  /**
   * Returns the contingency table of two labellings over the nodes present in both with a label
   * {@code >= 0} in each (unassigned nodes are left out).
   */
  public static ContingencyTable contingency(JavaPairRDD<Long, Integer> first, JavaPairRDD<Long, Integer> second) {
    Map<Tuple2<Integer, Integer>, Long> counts = first
        .filter(entry -> entry._2() >= 0)
        .join(second.filter(entry -> entry._2() >= 0))
        .mapToPair(entry -> new Tuple2<>(entry._2(), 1L))
        .reduceByKey(Long::sum)
        .collectAsMap();
    ContingencyTable table = new ContingencyTable();
    counts.forEach((cell, count) -> table.add(cell._1(), cell._2(), count));
    return table;
  }

  /** Returns the size of each cluster 0..k-1 in {@code assignments}. */
  public static long[] clusterSizes(JavaPairRDD<Long, Integer> assignments, int k) {
    long[] sizes = new long[k];
    assignments.values().filter(c -> c >= 0).countByValue().forEach((cluster, count) -> sizes[cluster] = count);
    return sizes;
  }

  /**
   * Returns the conductance of each cluster 0..k-1 in the graph {@code edges}; unassigned nodes
   * belong to no cluster but their volume counts in the complements.
   */
  public static double[] conductance(JavaRDD<WeightedEdge> edges, JavaPairRDD<Long, Integer> assignments, int k) {
    JavaPairRDD<Long, Tuple2<Long, Double>> bySource = edges.mapToPair(e -> new Tuple2<>(e.src(), new Tuple2<>(e.dst(), e.weight())));
    JavaPairRDD<Long, Tuple2<Integer, Double>> byTarget = bySource
        .join(assignments)
        .mapToPair(entry -> new Tuple2<>(entry._2()._1()._1(), new Tuple2<>(entry._2()._2(), entry._2()._1()._2())));
    double[] totals = byTarget
        .join(assignments)
        .mapPartitions(it -> {
          ExactSums sums = new ExactSums(2 * k + 1);
          it.forEachRemaining(entry -> addCutAndVolume(entry._2()._1()._1(), entry._2()._2(), entry._2()._1()._2(), k, sums));
          return List.of(sums).iterator();
        })
        .treeReduce(ExactSums::merge)
        .totals();
    double[] cut = java.util.Arrays.copyOfRange(totals, 0, k);
    double[] volume = java.util.Arrays.copyOfRange(totals, k, 2 * k);
    return Conductance.fromTotals(cut, volume, totals[2 * k]);
  }

  /**
   * Adds one edge to [cut per cluster, volume per cluster, volume outside every cluster], exactly,
   * so that the totals do not depend on how the edges are partitioned.
   */
  private static void addCutAndVolume(int a, int b, double weight, int k, ExactSums sums) {
    for (int own : List.of(a, b)) {
      sums.add(own < 0 ? 2 * k : k + own, weight);
    }
    if (a != b) {
      if (a >= 0) {
        sums.add(a, weight);
      }
      if (b >= 0) {
        sums.add(b, weight);
      }
    }
  }
}
