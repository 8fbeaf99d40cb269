package org.sparsify.graph.spectral;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.graph.WeightedEdge;
import scala.Tuple2;
import scala.Tuple3;

/**
 * An undirected weighted graph partitioned once for repeated sparse matrix–block products.
 *
 * <p>Construction shuffles the edge list twice: once to group each node's arcs with its row, once
 * to tell every part which of its rows other parts need. After that a product with an n × w block
 * ({@link #gather}) sends each row only to the parts that hold one of its neighbours, so a pass
 * shuffles at most {@code n·w·min(numParts, maxDegree + 1)} numbers and never the edges. The
 * partitioned adjacency is cached; call {@link #unpersist} when done.
 *
 * <p>Determinism: within a row, neighbours are summed in ascending node order, so a product gives
 * bitwise the same values at any partition count.
 */
public final class PartitionedGraph implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RowLayout layout;
  private final transient JavaRDD<GraphPartition> parts;

  private PartitionedGraph(RowLayout layout, JavaRDD<GraphPartition> parts) {
    this.layout = layout;
    this.parts = parts;
  }

  /** Combines the gathered rows of one part into its output block. */
  @FunctionalInterface
  interface GatherKernel extends Serializable {
    DenseMatrix apply(GraphPartition part, double[] gathered, int width);
  }

  /**
   * Partitions the graph on nodes 0..numNodes-1 with the given edges.
   *
   * @param edges undirected edges with both endpoints below {@code numNodes}; an edge listed twice
   *     has its weights added
   * @param numPartitions requested number of row parts (fewer if there are fewer nodes)
   */
  public static PartitionedGraph build(JavaRDD<WeightedEdge> edges, long numNodes, int numPartitions) {
    RowLayout layout = RowLayout.of(numNodes, numPartitions);
    HashPartitioner partitioner = new HashPartitioner(layout.numParts());

    // Group the arcs (both directions of every edge) by the part of their row.
    JavaPairRDD<Integer, Tuple3<Long, Long, Double>> arcs =
        edges.flatMapToPair(edge -> arcsOf(edge, layout).iterator()).partitionBy(partitioner);
    JavaRDD<GraphPartition> adjacency =
        arcs.mapPartitionsWithIndex((part, it) -> buildRows(layout, part, it), true);
    adjacency.persist(StorageLevel.MEMORY_AND_DISK());

    // Tell every part which of its rows the other parts need.
    JavaPairRDD<Integer, Tuple2<Integer, int[]>> requests =
        adjacency.flatMapToPair(part -> requestsOf(layout, part).iterator()).partitionBy(partitioner);
    JavaRDD<GraphPartition> routed =
        adjacency.zipPartitions(requests, (partIt, requestIt) -> withRouting(partIt.next(), requestIt));
    routed.persist(StorageLevel.MEMORY_AND_DISK());
    routed.count();
    adjacency.unpersist(false);
    return new PartitionedGraph(layout, routed);
  }

  /** Returns the row layout shared by this graph and every block multiplied with it. */
  public RowLayout layout() {
    return layout;
  }

  /** Returns the weighted degree of every node as an n × 1 block. */
  public RowBlocks degrees() {
    return new RowBlocks(
        layout,
        1,
        parts.map(
            part -> {
              double[] degree = new double[part.numRows];
              for (int r = 0; r < part.numRows; r++) {
                degree[r] = part.degree(r);
              }
              return RowBlocks.wrap(part.part, new DenseMatrix(part.numRows, 1, degree));
            }));
  }

  /**
   * Labels every node with the smallest node index of its connected component, by min-label
   * propagation: one {@link #gather} pass per round until no label changes, so about
   * diameter + 1 passes of n numbers each.
   *
   * @return labels as an n × 1 block (node indices stored as doubles, exact below 2^53) and passes
   */
  public ComponentLabels componentLabels(JavaSparkContext sc, int checkpointInterval) {
    RowBlocks labels =
        RowBlocks.generate(sc, layout, 1, (first, rows) -> {
          double[] own = new double[rows];
          for (int r = 0; r < rows; r++) {
            own[r] = first + r;
          }
          return new DenseMatrix(rows, 1, own);
        }).persist();
    RowBlocks checkpointed = null;
    for (int round = 1; ; round++) {
      RowBlocks next = gather(labels, 1, PartitionedGraph::minimumLabel).persist();
      boolean checkpoint = round % checkpointInterval == 0;
      if (checkpoint) {
        next.blocks().rdd().localCheckpoint();
      }
      long changed = labels.blocks()
          .zipPartitions(next.blocks(), (before, after) -> List.of(changedRows(before, after)).iterator())
          .reduce(Long::sum);
      // A locally checkpointed block has no lineage, so it is kept until the next checkpoint exists.
      if (labels != checkpointed) {
        labels.unpersist();
      }
      if (checkpoint && checkpointed != null) {
        checkpointed.unpersist();
      }
      checkpointed = checkpoint ? next : checkpointed;
      labels = next;
      if (changed == 0) {
        if (checkpointed != null && checkpointed != labels) {
          checkpointed.unpersist();
        }
        return new ComponentLabels(labels, round);
      }
    }
  }

  private static DenseMatrix minimumLabel(GraphPartition part, double[] gathered, int width) {
    double[] out = new double[part.numRows];
    for (int r = 0; r < part.numRows; r++) {
      double label = gathered[part.selfSlot[r]];
      for (int e = part.rowStart[r]; e < part.rowStart[r + 1]; e++) {
        label = Math.min(label, gathered[part.neighborSlot[e]]);
      }
      out[r] = label;
    }
    return new DenseMatrix(part.numRows, 1, out);
  }

  private static long changedRows(
      Iterator<Tuple2<Tuple2<Object, Object>, org.apache.spark.mllib.linalg.Matrix>> beforeIt,
      Iterator<Tuple2<Tuple2<Object, Object>, org.apache.spark.mllib.linalg.Matrix>> afterIt) {
    double[] before = RowBlocks.single(beforeIt).values();
    double[] after = RowBlocks.single(afterIt).values();
    long changed = 0;
    for (int r = 0; r < before.length; r++) {
      if (before[r] != after[r]) {
        changed++;
      }
    }
    return changed;
  }

  /** Removes the cached adjacency. */
  public void unpersist() {
    parts.unpersist(false);
  }

  /** Returns a graph with the same structure and each arc weight replaced by f(row, weight, neighbourValue). */
  PartitionedGraph reweight(RowBlocks values, ArcWeighting f) {
    JavaRDD<GraphPartition> reweighted =
        gathered(values)
            .zipPartitions(parts, (gatheredIt, partIt) -> reweightPart(partIt.next(), gatheredIt.next(), f));
    reweighted.persist(StorageLevel.MEMORY_AND_DISK());
    reweighted.count();
    return new PartitionedGraph(layout, reweighted);
  }

  /** New weight of an arc from the old weight and the gathered values of both endpoints. */
  @FunctionalInterface
  interface ArcWeighting extends Serializable {
    double apply(long row, long neighbor, double weight, double rowValue, double neighborValue);
  }

  /**
   * Sends every row of {@code values} to the parts that need it and combines the rows each part
   * receives with {@code kernel}: one shuffle of O(n·width) numbers.
   */
  RowBlocks gather(RowBlocks values, int outputWidth, GatherKernel kernel) {
    int width = values.width();
    JavaRDD<double[]> gathered = gathered(values);
    return new RowBlocks(
        layout,
        outputWidth,
        gathered.zipPartitions(
            parts,
            (gatheredIt, partIt) -> {
              GraphPartition part = partIt.next();
              DenseMatrix out = kernel.apply(part, gatheredIt.next(), width);
              return Collections.singletonList(RowBlocks.wrap(part.part, out)).iterator();
            }));
  }

  /** Returns, per part, the rows of {@code values} listed in its {@code needed}, row-major. */
  private JavaRDD<double[]> gathered(RowBlocks values) {
    int width = values.width();
    JavaPairRDD<Integer, Tuple2<Integer, double[]>> messages =
        parts
            .zipPartitions(values.blocks(), (partIt, blockIt) -> messagesOf(partIt.next(), RowBlocks.single(blockIt), width))
            .mapToPair(message -> message)
            .partitionBy(new HashPartitioner(layout.numParts()));
    return messages.zipPartitions(parts, (messageIt, partIt) -> concatenate(partIt.next(), messageIt, width));
  }

  private static List<Tuple2<Integer, Tuple3<Long, Long, Double>>> arcsOf(WeightedEdge edge, RowLayout layout) {
    if (edge.dst() >= layout.numRows()) {
      throw new IllegalArgumentException(
          "edge " + edge + " has a node index >= the number of nodes " + layout.numRows());
    }
    return List.of(
        new Tuple2<>(layout.partOf(edge.src()), new Tuple3<>(edge.src(), edge.dst(), edge.weight())),
        new Tuple2<>(layout.partOf(edge.dst()), new Tuple3<>(edge.dst(), edge.src(), edge.weight())));
  }

  private static Iterator<GraphPartition> buildRows(
      RowLayout layout, int part, Iterator<Tuple2<Integer, Tuple3<Long, Long, Double>>> it) {
    List<Tuple3<Long, Long, Double>> arcs = new ArrayList<>();
    it.forEachRemaining(entry -> arcs.add(entry._2()));
    arcs.sort(Comparator.<Tuple3<Long, Long, Double>>comparingLong(Tuple3::_1).thenComparingLong(Tuple3::_2));
    return Collections.singletonList(CsrBuilder.build(layout, part, arcs)).iterator();
  }

  private static List<Tuple2<Integer, Tuple2<Integer, int[]>>> requestsOf(RowLayout layout, GraphPartition part) {
    List<Tuple2<Integer, Tuple2<Integer, int[]>>> requests = new ArrayList<>();
    int start = 0;
    while (start < part.needed.length) {
      int source = layout.partOf(part.needed[start]);
      int end = start;
      while (end < part.needed.length && layout.partOf(part.needed[end]) == source) {
        end++;
      }
      int[] positions = new int[end - start];
      for (int i = start; i < end; i++) {
        positions[i - start] = (int) (part.needed[i] - layout.firstRow(source));
      }
      requests.add(new Tuple2<>(source, new Tuple2<>(part.part, positions)));
      start = end;
    }
    return requests;
  }

  private static Iterator<GraphPartition> withRouting(
      GraphPartition part, Iterator<Tuple2<Integer, Tuple2<Integer, int[]>>> requestIt) {
    List<Tuple2<Integer, int[]>> requests = new ArrayList<>();
    requestIt.forEachRemaining(entry -> requests.add(entry._2()));
    requests.sort(Comparator.comparingInt(Tuple2::_1));
    int[] sendTo = new int[requests.size()];
    int[][] sendRows = new int[requests.size()][];
    for (int i = 0; i < sendTo.length; i++) {
      sendTo[i] = requests.get(i)._1();
      sendRows[i] = requests.get(i)._2();
    }
    return Collections.singletonList(part.withRouting(sendTo, sendRows)).iterator();
  }

  private static Iterator<Tuple2<Integer, Tuple2<Integer, double[]>>> messagesOf(
      GraphPartition part, DenseMatrix block, int width) {
    List<Tuple2<Integer, Tuple2<Integer, double[]>>> messages = new ArrayList<>(part.sendTo.length);
    double[] values = block.values();
    int rows = block.numRows();
    for (int d = 0; d < part.sendTo.length; d++) {
      int[] positions = part.sendRows[d];
      double[] payload = new double[positions.length * width];
      for (int i = 0; i < positions.length; i++) {
        for (int c = 0; c < width; c++) {
          payload[i * width + c] = values[positions[i] + c * rows];
        }
      }
      messages.add(new Tuple2<>(part.sendTo[d], new Tuple2<>(part.part, payload)));
    }
    return messages.iterator();
  }

  private static Iterator<double[]> concatenate(
      GraphPartition part, Iterator<Tuple2<Integer, Tuple2<Integer, double[]>>> messageIt, int width) {
    List<Tuple2<Integer, double[]>> messages = new ArrayList<>();
    messageIt.forEachRemaining(entry -> messages.add(entry._2()));
    messages.sort(Comparator.comparingInt(Tuple2::_1));
    double[] buffer = new double[part.needed.length * width];
    int offset = 0;
    for (Tuple2<Integer, double[]> message : messages) {
      System.arraycopy(message._2(), 0, buffer, offset, message._2().length);
      offset += message._2().length;
    }
    if (offset != buffer.length) {
      throw new IllegalStateException(
          "part " + part.part + " gathered " + offset + " values but needs " + buffer.length);
    }
    return Collections.singletonList(buffer).iterator();
  }

  private static Iterator<GraphPartition> reweightPart(GraphPartition part, double[] gathered, ArcWeighting f) {
    double[] newWeight = new double[part.weight.length];
    for (int r = 0; r < part.numRows; r++) {
      long row = part.firstRow + r;
      double rowValue = gathered[part.selfSlot[r]];
      for (int e = part.rowStart[r]; e < part.rowStart[r + 1]; e++) {
        int slot = part.neighborSlot[e];
        newWeight[e] = f.apply(row, part.needed[slot], part.weight[e], rowValue, gathered[slot]);
      }
    }
    return Collections.singletonList(part.withWeights(newWeight)).iterator();
  }

  /** Builds the compressed rows of one part from its arcs sorted by (row, neighbour). */
  private static final class CsrBuilder {

    static GraphPartition build(RowLayout layout, int part, List<Tuple3<Long, Long, Double>> sortedArcs) {
      long first = layout.firstRow(part);
      int numRows = layout.rowsIn(part);
      int[] rowStart = new int[numRows + 1];
      long[] neighbor = new long[sortedArcs.size()];
      double[] weight = new double[sortedArcs.size()];
      int count = 0;
      for (Tuple3<Long, Long, Double> arc : sortedArcs) {
        int row = (int) (arc._1() - first);
        boolean repeat = count > 0 && neighbor[count - 1] == arc._2() && rowStart[row + 1] > 0;
        if (repeat) {
          weight[count - 1] += arc._3();
          continue;
        }
        neighbor[count] = arc._2();
        weight[count] = arc._3();
        rowStart[row + 1]++;
        count++;
      }
      for (int r = 0; r < numRows; r++) {
        rowStart[r + 1] += rowStart[r];
      }
      return withSlots(layout, part, rowStart, Arrays.copyOf(neighbor, count), Arrays.copyOf(weight, count));
    }

    private static GraphPartition withSlots(
        RowLayout layout, int part, int[] rowStart, long[] neighbor, double[] weight) {
      long first = layout.firstRow(part);
      int numRows = layout.rowsIn(part);
      long[] needed = neededRows(first, numRows, neighbor);
      int[] neighborSlot = new int[neighbor.length];
      for (int e = 0; e < neighbor.length; e++) {
        neighborSlot[e] = Arrays.binarySearch(needed, neighbor[e]);
      }
      int[] selfSlot = new int[numRows];
      for (int r = 0; r < numRows; r++) {
        selfSlot[r] = Arrays.binarySearch(needed, first + r);
      }
      return new GraphPartition(
          part, first, numRows, rowStart, neighborSlot, weight, selfSlot, needed, new int[0], new int[0][]);
    }

    private static long[] neededRows(long first, int numRows, long[] neighbor) {
      long[] all = new long[numRows + neighbor.length];
      for (int r = 0; r < numRows; r++) {
        all[r] = first + r;
      }
      System.arraycopy(neighbor, 0, all, numRows, neighbor.length);
      Arrays.sort(all);
      int distinct = 0;
      for (int i = 0; i < all.length; i++) {
        if (i == 0 || all[i] != all[i - 1]) {
          all[distinct++] = all[i];
        }
      }
      return Arrays.copyOf(all, distinct);
    }
  }
}
