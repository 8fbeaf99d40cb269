package org.sparsify.graph.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.common.SeededHash;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.spectral.ComponentLabels;
import org.sparsify.graph.spectral.PartitionedGraph;
import org.sparsify.graph.spectral.RowBlocks;
import scala.Tuple2;

/**
 * Clusters the nodes of a graph from a spectral embedding of its sample, and repairs the nodes that
 * the sample cut off.
 *
 * <p>Steps: (1) the rows of the first k embedding columns are scaled to unit length (Ng, Jordan and
 * Weiss, "On spectral clustering: analysis and an algorithm", NIPS 2001); (2) the rows of the
 * sampled graph's largest connected component are clustered by MLlib {@link KMeans} with k-means||
 * initialisation, {@code runs} times with seeds derived from the seed, keeping the lowest cost;
 * (3) every other node with an edge in the input takes the majority cluster of its input-graph
 * neighbours ({@link NeighborRepair}), which covers nodes the sample left without edges and nodes in
 * small sampled components. Nodes that no repair round reaches keep the k-means cluster of their own
 * row if they have a sampled edge, and are otherwise unassigned.
 *
 * <p>Documented rule for nodes without any edge in the input: they get {@link #UNASSIGNED} and are
 * counted in {@link ClusteringResult#isolatedInInput()}; the embedding carries no information about them.
 *
 * <p>Determinism: the k-means input is laid out in {@code ceil(n / 50,000)} (at most 64) contiguous
 * index ranges sorted by node index whatever the partitioning of the embedding, so for a fixed seed
 * the result does not depend on the partition count, up to floating-point summation order inside
 * MLlib. Cost: about diameter + 1 passes of n numbers for the components, k-means as in MLlib, and
 * one join over the input arcs of the repaired nodes per repair round. Driver memory: O(k²) plus the
 * k-means centers.
 */
public final class SpectralClustering {

  /** Cluster id of a node that got no cluster. */
  public static final int UNASSIGNED = -1;

  private static final int ROWS_PER_KMEANS_PARTITION = 50_000;
  private static final int MAX_KMEANS_PARTITIONS = 64;

  // Node kinds, in increasing priority when the candidate labels of a node are merged.
  private static final int ISOLATED = 0;
  private static final int UNREACHED = 1;
  private static final int FALLBACK = 2;
  private static final int REPAIRED = 3;
  private static final int CLUSTERED = 4;

  private SpectralClustering() {}

  /**
   * Clusters the nodes.
   *
   * @param embedding n × (≥ k) eigenvector block of the sampled graph's Laplacian, bottom first
   * @param sampled the sampled graph the embedding was computed on
   * @param inputEdges the edges of the input graph, used for repair
   */
  public static ClusteringResult cluster(
      JavaSparkContext sc, RowBlocks embedding, PartitionedGraph sampled, JavaRDD<WeightedEdge> inputEdges,
      ClusteringParams params) {
    int k = params.k();
    if (embedding.width() < k) {
      throw new IllegalArgumentException("the embedding needs at least k = " + k + " columns but had " + embedding.width());
    }
    long n = embedding.layout().numRows();

    // Per node: sampled degree, component label and the normalised embedding row.
    ComponentLabels components = sampled.componentLabels(sc, 10);
    JavaPairRDD<Long, double[]> nodes = nodeTable(embedding, sampled, components, k).persist(StorageLevel.MEMORY_AND_DISK());
    Tuple2<Long, Long> largest = largestComponent(nodes);
    long mainComponent = largest._1();

    // k-means on the largest sampled component, laid out independently of the input partitioning.
    JavaPairRDD<Long, Vector> mainRows = nodes
        .filter(entry -> entry._2()[0] > 0.0 && entry._2()[1] == mainComponent)
        .mapValues(row -> Vectors.dense(java.util.Arrays.copyOfRange(row, 2, 2 + k)));
    KMeansFit fit = bestKMeans(mainRows, n, params);
    KMeansModel model = fit.model();

    // Candidate labels: k-means for the main component, repair by neighbours for the rest.
    JavaPairRDD<Long, Integer> clustered = mainRows.mapValues(model::predict).persist(StorageLevel.MEMORY_AND_DISK());
    JavaPairRDD<Long, Boolean> inputNodes = inputEdges
        .mapPartitions(SpectralClustering::distinctEndpoints)
        .mapToPair(node -> new Tuple2<>(node, true))
        .reduceByKey((a, b) -> a)
        .persist(StorageLevel.MEMORY_AND_DISK());
    // Persisted because the repair counts, collects and joins it.
    JavaPairRDD<Long, Boolean> pending = inputNodes.subtractByKey(clustered).persist(StorageLevel.MEMORY_AND_DISK());
    NeighborRepair.Outcome repair = NeighborRepair.run(inputEdges, clustered, pending, params.repairRounds());
    JavaPairRDD<Long, Integer> fallback = nodes
        .filter(entry -> entry._2()[0] > 0.0 && entry._2()[1] != mainComponent)
        .mapValues(row -> model.predict(Vectors.dense(java.util.Arrays.copyOfRange(row, 2, 2 + k))));

    JavaPairRDD<Long, Tuple2<Integer, Integer>> merged = merge(nodes, inputNodes, clustered, repair.repaired(), fallback)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Map<Integer, Long> kinds = merged.map(entry -> entry._2()._2()).countByValue();
    nodes.unpersist(false);
    inputNodes.unpersist(false);
    pending.unpersist(false);
    components.labels().unpersist();
    return new ClusteringResult(
        merged.mapValues(Tuple2::_1),
        fit.cost(),
        kinds.getOrDefault(CLUSTERED, 0L),
        kinds.getOrDefault(REPAIRED, 0L),
        kinds.getOrDefault(FALLBACK, 0L),
        kinds.getOrDefault(UNREACHED, 0L),
        kinds.getOrDefault(ISOLATED, 0L),
        components.passes(),
        largest._2());
  }

  /** Returns the distinct endpoints of one partition's edges, deduplicated on primitive arrays before boxing. */
  private static Iterator<Long> distinctEndpoints(Iterator<WeightedEdge> edges) {
    long[] ids = new long[1024];
    int size = 0;
    while (edges.hasNext()) {
      WeightedEdge e = edges.next();
      if (size + 2 > ids.length) {
        ids = Arrays.copyOf(ids, 2 * ids.length);
      }
      ids[size++] = e.src();
      ids[size++] = e.dst();
    }
    Arrays.sort(ids, 0, size);
    List<Long> distinct = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (i == 0 || ids[i] != ids[i - 1]) {
        distinct.add(ids[i]);
      }
    }
    return distinct.iterator();
  }

  /** Returns rows (node, [sampled degree, component label, normalised embedding row of length k]). */
  private static JavaPairRDD<Long, double[]> nodeTable(
      RowBlocks embedding, PartitionedGraph sampled, ComponentLabels components, int k) {
    RowBlocks degreeAndComponent = sampled.degrees()
        .zip(components.labels(), 2, (first, degree, label) ->
            new DenseMatrix(degree.numRows(), 2, concat(degree.values(), label.values())));
    return degreeAndComponent
        .zip(embedding, 2 + k, (first, left, rows) -> withNormalizedRows(left, rows, k))
        .rows(2 + k);
  }

  private static DenseMatrix withNormalizedRows(DenseMatrix left, DenseMatrix embedding, int k) {
    int rows = left.numRows();
    double[] out = new double[rows * (2 + k)];
    System.arraycopy(left.values(), 0, out, 0, 2 * rows);
    for (int r = 0; r < rows; r++) {
      double norm = 0.0;
      for (int c = 0; c < k; c++) {
        double value = embedding.values()[r + c * rows];
        norm += value * value;
      }
      double scale = norm > 0.0 ? 1.0 / Math.sqrt(norm) : 0.0;
      for (int c = 0; c < k; c++) {
        out[r + (2 + c) * rows] = scale * embedding.values()[r + c * rows];
      }
    }
    return new DenseMatrix(rows, 2 + k, out);
  }

  /** Returns (label, size) of the largest component among nodes with a sampled edge; ties to the smaller label. */
  private static Tuple2<Long, Long> largestComponent(JavaPairRDD<Long, double[]> nodes) {
    JavaPairRDD<Long, Long> sizes = nodes
        .filter(entry -> entry._2()[0] > 0.0)
        .mapToPair(entry -> new Tuple2<>((long) entry._2()[1], 1L))
        .reduceByKey(Long::sum);
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("the sampled graph has no edge; sample with a larger probability or budget");
    }
    return sizes.reduce((a, b) -> a._2() > b._2() || (a._2().equals(b._2()) && a._1() < b._1()) ? a : b);
  }

  private record KMeansFit(KMeansModel model, double cost) {}

  private static KMeansFit bestKMeans(JavaPairRDD<Long, Vector> rows, long n, ClusteringParams params) {
    int parts = (int) Math.min(MAX_KMEANS_PARTITIONS, Math.max(1, (n + ROWS_PER_KMEANS_PARTITION - 1) / ROWS_PER_KMEANS_PARTITION));
    JavaRDD<Vector> data = rows.repartitionAndSortWithinPartitions(new IndexRangePartitioner(n, parts))
        .values()
        .persist(StorageLevel.MEMORY_AND_DISK());
    long count = data.count();
    if (count < params.k()) {
      throw new IllegalArgumentException("the largest sampled component has " + count + " nodes, fewer than k = "
          + params.k() + "; lower --k or sample more edges");
    }

    KMeansFit best = null;
    for (int run = 0; run < params.runs(); run++) {
      KMeansModel model = new KMeans()
          .setK(params.k())
          .setMaxIterations(params.maxIterations())
          .setInitializationMode(KMeans.K_MEANS_PARALLEL())
          .setSeed(SeededHash.hash(params.seed(), run))
          .run(data.rdd());
      double cost = model.trainingCost();
      if (best == null || cost < best.cost()) {
        best = new KMeansFit(model, cost);
      }
    }
    data.unpersist(false);
    return best;
  }

  /** Returns (node, (cluster, kind)) for every node, the kind with the highest priority winning. */
  private static JavaPairRDD<Long, Tuple2<Integer, Integer>> merge(
      JavaPairRDD<Long, double[]> nodes, JavaPairRDD<Long, Boolean> inputNodes, JavaPairRDD<Long, Integer> clustered,
      JavaPairRDD<Long, Integer> repaired, JavaPairRDD<Long, Integer> fallback) {
    JavaPairRDD<Long, Tuple2<Integer, Integer>> base = nodes.mapValues(row -> new Tuple2<>(UNASSIGNED, ISOLATED));
    return base
        .union(inputNodes.mapValues(any -> new Tuple2<>(UNASSIGNED, UNREACHED)))
        .union(fallback.mapValues(cluster -> new Tuple2<>(cluster, FALLBACK)))
        .union(repaired.mapValues(cluster -> new Tuple2<>(cluster, REPAIRED)))
        .union(clustered.mapValues(cluster -> new Tuple2<>(cluster, CLUSTERED)))
        .reduceByKey(SpectralClustering::higherPriority);
  }

  private static Tuple2<Integer, Integer> higherPriority(Tuple2<Integer, Integer> a, Tuple2<Integer, Integer> b) {
    return a._2() >= b._2() ? a : b;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
