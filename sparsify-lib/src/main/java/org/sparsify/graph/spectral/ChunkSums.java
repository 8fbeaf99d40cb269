package org.sparsify.graph.spectral;

import dev.ludovic.netlib.blas.BLAS;
import org.apache.spark.api.java.JavaRDD;
import org.sparsify.common.ExactSums;

/**
 * Sums over the rows of {@link RowBlocks} that give the same bits at any partition count.
 *
 * <p>A block's rows are cut into chunks of {@link RowLayout#ALIGNMENT} rows counted from the part's
 * first row, which is itself a multiple of the alignment, so the chunks are the same whatever the
 * number of parts. Each chunk is reduced in floating point in a fixed order, and the chunk results
 * are added into {@link ExactSums}, whose rounded totals do not depend on the order in which chunks
 * and parts are merged. NOTE: this assumes every executor uses the same BLAS implementation, since
 * two implementations may order a chunk's products differently.
 */
final class ChunkSums {

  private ChunkSums() {}

  /**
   * Adds AᵀB (wa × wb, column-major) of two column-major blocks with {@code rows} rows into
   * {@code sums} at {@code offset}.
   */
  static void addCrossProduct(double[] a, int wa, double[] b, int wb, int rows, ExactSums sums, int offset) {
    double[] chunk = new double[wa * wb];
    int bufferRows = Math.min(rows, RowLayout.ALIGNMENT);
    double[] aChunk = new double[bufferRows * wa];
    double[] bChunk = new double[bufferRows * wb];
    BLAS blas = BLAS.getInstance();
    for (int start = 0; start < rows; start += RowLayout.ALIGNMENT) {
      int length = Math.min(RowLayout.ALIGNMENT, rows - start);
      // Contiguous copies, so that the BLAS receives the same arrays whatever the height of the block.
      copyRows(a, rows, wa, start, length, aChunk);
      copyRows(b, rows, wb, start, length, bChunk);
      blas.dgemm("T", "N", wa, wb, length, 1.0, aChunk, 0, length, bChunk, 0, length, 0.0, chunk, 0, wa);
      for (int i = 0; i < chunk.length; i++) {
        sums.add(offset + i, chunk[i]);
      }
    }
  }

  private static void copyRows(double[] block, int rows, int width, int start, int length, double[] into) {
    for (int c = 0; c < width; c++) {
      System.arraycopy(block, c * rows + start, into, c * length, length);
    }
  }

  /** Adds the sum of {@code values[from .. from+rows-1]} into sum {@code index}, chunk by chunk. */
  static void addColumnSum(double[] values, int from, int rows, ExactSums sums, int index) {
    for (int start = 0; start < rows; start += RowLayout.ALIGNMENT) {
      int end = Math.min(rows, start + RowLayout.ALIGNMENT);
      double chunk = 0.0;
      for (int r = start; r < end; r++) {
        chunk += values[from + r];
      }
      sums.add(index, chunk);
    }
  }

  /** Merges one {@link ExactSums} per partition and returns the rounded totals. */
  static double[] totals(JavaRDD<ExactSums> perPart) {
    return perPart.treeReduce(ExactSums::merge).totals();
  }
}
