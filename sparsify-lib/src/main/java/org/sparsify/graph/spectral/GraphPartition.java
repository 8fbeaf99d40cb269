package org.sparsify.graph.spectral;

import java.io.Serializable;

/**
 * One part of a {@link PartitionedGraph}: the adjacency rows of a contiguous range of nodes in
 * compressed sparse row form, plus the routing that says which of its rows other parts need.
 *
 * <p>Neighbours of a row are sorted by node index, so sums over a row run in the same order at any
 * partition count. An arc does not store its neighbour's index but its slot in the part's gathered
 * buffer: the rows listed in {@link #needed}, in ascending node order, which is the order in which
 * the exchange concatenates the messages from the source parts.
 */
final class GraphPartition implements Serializable {
  private static final long serialVersionUID = 1L;

  final int part;
  final long firstRow;
  final int numRows;
  /** Arcs of local row r are {@code rowStart[r] .. rowStart[r+1]-1}. */
  final int[] rowStart;
  /** Slot in the gathered buffer of each arc's neighbour. */
  final int[] neighborSlot;
  /** Edge weight of each arc in the input graph. */
  final double[] weight;
  /** Slot in the gathered buffer of each local row itself. */
  final int[] selfSlot;
  /** Sorted node indices whose values this part gathers: its own rows and all their neighbours. */
  final long[] needed;
  /** Parts that need rows of this part, ascending. */
  final int[] sendTo;
  /** For each entry of {@link #sendTo}, the local row positions it needs, ascending. */
  final int[][] sendRows;

  GraphPartition(
      int part,
      long firstRow,
      int numRows,
      int[] rowStart,
      int[] neighborSlot,
      double[] weight,
      int[] selfSlot,
      long[] needed,
      int[] sendTo,
      int[][] sendRows) {
    this.part = part;
    this.firstRow = firstRow;
    this.numRows = numRows;
    this.rowStart = rowStart;
    this.neighborSlot = neighborSlot;
    this.weight = weight;
    this.selfSlot = selfSlot;
    this.needed = needed;
    this.sendTo = sendTo;
    this.sendRows = sendRows;
  }

  /** Returns a copy with other arc weights and the same structure. */
  GraphPartition withWeights(double[] newWeight) {
    return new GraphPartition(
        part, firstRow, numRows, rowStart, neighborSlot, newWeight, selfSlot, needed, sendTo, sendRows);
  }

  /** Returns a copy with routing added. */
  GraphPartition withRouting(int[] newSendTo, int[][] newSendRows) {
    return new GraphPartition(
        part, firstRow, numRows, rowStart, neighborSlot, weight, selfSlot, needed, newSendTo, newSendRows);
  }

  /** Returns the weighted degree of local row r. */
  double degree(int r) {
    double sum = 0.0;
    for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
      sum += weight[e];
    }
    return sum;
  }
}
