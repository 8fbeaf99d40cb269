package org.sparsify.graph.generate;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.io.LoadStats;
import org.sparsify.graph.io.LoadedGraph;
import scala.Tuple2;

/**
 * Generates a planted-partition graph on Spark, with its ground-truth cluster labels.
 *
 * <p>Node ids are 0..n-1 and equal the dense indices; node u belongs to cluster u / clusterSize.
 * The edges are those of {@link PlantedPartitionRows}, so the graph depends on the model and the
 * seed only, not on {@code partitions}. Cost: O(n + m) work, no shuffle except to count isolated
 * nodes; the edge RDD is persisted.
 */
public final class PlantedPartitionGenerator {

  private PlantedPartitionGenerator() {}

  /** A generated graph and the cluster of each node, keyed by dense index. */
  public record PlantedGraph(LoadedGraph graph, JavaPairRDD<Long, Integer> labels) {}

  /** Generates the graph in {@code partitions} row ranges (at least 1). */
  public static PlantedGraph generate(
      JavaSparkContext sc, PlantedPartition model, long seed, int partitions) {
    int slices = Math.max(1, partitions);
    long n = model.numNodes();
    JavaRDD<Long> rows = rowRanges(sc, n, slices);

    JavaRDD<WeightedEdge> edges =
        rows.flatMap(u -> PlantedPartitionRows.row(model, seed, u).iterator());
    edges.persist(StorageLevel.MEMORY_AND_DISK());
    long m = edges.count();
    long connected =
        edges.flatMap(e -> List.of(e.src(), e.dst()).iterator()).distinct(slices).count();

    JavaPairRDD<Long, String> ids = rows.mapToPair(u -> new Tuple2<>(u, Long.toString(u)));
    JavaPairRDD<Long, Integer> labels = rows.mapToPair(u -> new Tuple2<>(u, model.clusterOf(u)));
    LoadStats stats = new LoadStats(m, 0, 0, 0, n - connected);
    return new PlantedGraph(new LoadedGraph(edges, n, m, ids, true, stats), labels);
  }

  /** Returns the node indices 0..n-1 in {@code slices} contiguous ranges, built on the executors. */
  private static JavaRDD<Long> rowRanges(JavaSparkContext sc, long n, int slices) {
    List<Integer> sliceIds = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      sliceIds.add(i);
    }
    return sc.parallelize(sliceIds, slices)
        .flatMap(
            slice -> {
              long from = n * slice / slices;
              long to = n * (slice + 1) / slices;
              List<Long> out = new ArrayList<>((int) (to - from));
              for (long u = from; u < to; u++) {
                out.add(u);
              }
              return out.iterator();
            });
  }
}
