package org.sparsify.graph.spectral;

import java.io.Serializable;
import org.sparsify.common.Checks;

/**
 * Assignment of the node indices 0..n-1 to contiguous row ranges, one per Spark partition.
 *
 * <p>Part p holds rows {@code [p·rowsPerPart, min(n, (p+1)·rowsPerPart))}. {@code rowsPerPart} is a
 * multiple of {@link #ALIGNMENT}, so every part starts on a chunk boundary that does not depend on
 * the number of parts; sums over rows are formed chunk by chunk and then added exactly, which makes
 * them bitwise independent of the partitioning. The number of parts is the requested count reduced
 * so that no part is empty (graphs below {@code ALIGNMENT} nodes get one part). Every distributed block of the spectral code
 * (the graph's adjacency, the eigenvector blocks) uses the same layout, so partition p of each RDD
 * holds part p and blocks can be combined with {@code zipPartitions} without a shuffle.
 *
 * @param numRows n, the number of nodes
 * @param rowsPerPart rows in every part except possibly the last
 * @param numParts number of parts, each holding at least one row
 */
public record RowLayout(long numRows, int rowsPerPart, int numParts) implements Serializable {

  /** Rows per chunk; {@code rowsPerPart} is always a multiple of it. */
  public static final int ALIGNMENT = 128;

  /** Creates the layout of {@code numRows} rows over at most {@code requestedParts} parts. */
  public static RowLayout of(long numRows, int requestedParts) {
    Checks.atLeast("number of nodes", numRows, 1);
    Checks.atLeast("number of partitions", requestedParts, 1);
    long balanced = (numRows + requestedParts - 1) / requestedParts;
    long perPart = (balanced + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    if (perPart > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a partition would hold " + perPart + " rows, more than an array can; use more partitions");
    }
    int parts = (int) ((numRows + perPart - 1) / perPart);
    return new RowLayout(numRows, (int) perPart, parts);
  }

  /** Returns the part holding row {@code row}. */
  public int partOf(long row) {
    return (int) (row / rowsPerPart);
  }

  /** Returns the first row of part {@code part}. */
  public long firstRow(int part) {
    return (long) part * rowsPerPart;
  }

  /** Returns the number of rows in part {@code part}. */
  public int rowsIn(int part) {
    return (int) (Math.min(numRows, firstRow(part) + rowsPerPart) - firstRow(part));
  }
}
