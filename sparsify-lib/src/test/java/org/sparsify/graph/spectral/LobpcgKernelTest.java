package org.sparsify.graph.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;
import org.sparsify.common.ExactSums;

class LobpcgKernelTest {

  /**
   * A row's product must not depend on the block it sits in, for blocks that start on a chunk
   * boundary, as every part of a {@link RowLayout} does.
   */
  @Test
  void rowProductIndependentOfBlock() {
    Random random = new Random(7);
    int inner = 42;
    int columns = 14;
    int rows = 8 * RowLayout.ALIGNMENT + 13;
    double[] a = new double[rows * inner];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
    }
    double[] coefficients = new double[inner * columns];
    for (int i = 0; i < coefficients.length; i++) {
      coefficients[i] = random.nextGaussian();
    }
    DenseMatrix whole = Lobpcg.times(new DenseMatrix(rows, inner, a), coefficients, columns);

    int[][] blocks = {{0, RowLayout.ALIGNMENT}, {RowLayout.ALIGNMENT, 3 * RowLayout.ALIGNMENT},
        {4 * RowLayout.ALIGNMENT, rows - 4 * RowLayout.ALIGNMENT}, {8 * RowLayout.ALIGNMENT, 13}};
    for (int[] bounds : blocks) {
      int first = bounds[0];
      int height = bounds[1];
      double[] part = new double[height * inner];
      for (int k = 0; k < inner; k++) {
        System.arraycopy(a, k * rows + first, part, k * height, height);
      }
      DenseMatrix block = Lobpcg.times(new DenseMatrix(height, inner, part), coefficients, columns);
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < columns; c++) {
          assertEquals(whole.values()[first + r + c * rows], block.values()[r + c * height], 0.0,
              "row " + (first + r) + ", column " + c + " in a block of " + height + " rows");
        }
      }
    }
  }

  /** A cross product summed by chunks must not depend on the height of the block around the rows. */
  @Test
  void crossProductIndependentOfBlock() {
    Random random = new Random(11);
    int width = 9;
    int rows = 3 * RowLayout.ALIGNMENT + 50;
    double[] a = new double[rows * width];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
    }
    ExactSums whole = new ExactSums(width * width);
    ChunkSums.addCrossProduct(a, width, a, width, rows, whole, 0);

    ExactSums split = new ExactSums(width * width);
    int[][] blocks = {{0, 2 * RowLayout.ALIGNMENT}, {2 * RowLayout.ALIGNMENT, rows - 2 * RowLayout.ALIGNMENT}};
    for (int[] bounds : blocks) {
      double[] part = new double[bounds[1] * width];
      for (int c = 0; c < width; c++) {
        System.arraycopy(a, c * rows + bounds[0], part, c * bounds[1], bounds[1]);
      }
      ChunkSums.addCrossProduct(part, width, part, width, bounds[1], split, 0);
    }

    for (int i = 0; i < width * width; i++) {
      assertEquals(whole.total(i), split.total(i), 0.0, "entry " + i);
    }
  }
}
