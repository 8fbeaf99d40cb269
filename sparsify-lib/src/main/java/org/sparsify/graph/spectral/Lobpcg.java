package org.sparsify.graph.spectral;

import dev.ludovic.netlib.blas.BLAS;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.sparsify.common.ExactSums;

/**
 * Block kernels of {@link BlockEigensolver}: building the LOBPCG basis [X, R, P] and its image
 * [BX, BR, BP] from the state block [X, BX, P, BP], Gram matrices and updates. Blocks are
 * column-major; the per-part work runs on executors, the aggregation of Gram matrices is a
 * {@code treeReduce} of 2s² exact sums ({@link ChunkSums}), so the solver's path is bitwise the same
 * at any partition count.
 */
final class Lobpcg {

  private Lobpcg() {}

  /** Shape of the current basis: block size b, Ritz values Θ of X, and whether P exists. */
  record Basis(int b, double[] theta, boolean hasDirection) implements java.io.Serializable {
    int size() {
      return hasDirection ? 3 * b : 2 * b;
    }
  }

  /** Returns R = BX − XΘ from a state block. */
  static DenseMatrix residual(DenseMatrix state, double[] theta, int b) {
    int rows = state.numRows();
    double[] values = state.values();
    double[] r = new double[rows * b];
    for (int c = 0; c < b; c++) {
      for (int i = 0; i < rows; i++) {
        r[i + c * rows] = values[i + (b + c) * rows] - theta[c] * values[i + c * rows];
      }
    }
    return new DenseMatrix(rows, b, r);
  }

  /** Returns [SᵀS, Sᵀ·BS] (column-major, 2s² values) of the basis spanned by a state and its BR. */
  static double[] grams(RowBlocks state, RowBlocks residualProduct, Basis basis) {
    int s = basis.size();
    return ChunkSums.totals(state
        .blocks()
        .zipPartitions(
            residualProduct.blocks(),
            (stateIt, productIt) -> {
              DenseMatrix stateBlock = RowBlocks.single(stateIt);
              DenseMatrix productBlock = RowBlocks.single(productIt);
              double[] sBlock = basisBlock(stateBlock, basis);
              double[] bsBlock = imageBlock(stateBlock, productBlock, basis);
              return java.util.List.of(gramsOf(sBlock, bsBlock, stateBlock.numRows(), s)).iterator();
            }));
  }

  /** Returns [XᵀX, Xᵀ·BX] (column-major, 2s² values) for X of width s and its image. */
  static double[] grams(RowBlocks x, RowBlocks product) {
    int s = x.width();
    return ChunkSums.totals(x.blocks()
        .zipPartitions(
            product.blocks(),
            (xIt, productIt) -> {
              DenseMatrix xBlock = RowBlocks.single(xIt);
              DenseMatrix productBlock = RowBlocks.single(productIt);
              return java.util.List.of(gramsOf(xBlock.values(), productBlock.values(), xBlock.numRows(), s))
                  .iterator();
            }));
  }

  /** Returns the new state [SC, BS·C, S_RP·C_RP, BS_RP·C_RP] after Rayleigh–Ritz coefficients C. */
  static RowBlocks update(RowBlocks state, RowBlocks residualProduct, Basis basis, double[] coefficients) {
    int b = basis.b();
    int s = basis.size();
    return state.zip(
        residualProduct,
        4 * b,
        (first, stateBlock, productBlock) -> {
          int rows = stateBlock.numRows();
          double[] sBlock = basisBlock(stateBlock, basis);
          double[] bsBlock = imageBlock(stateBlock, productBlock, basis);
          double[] directionCoefficients = coefficients.clone();
          for (int c = 0; c < b; c++) {
            java.util.Arrays.fill(directionCoefficients, c * s, c * s + b, 0.0);
          }
          double[] out = new double[rows * 4 * b];
          multiplyInto(sBlock, rows, s, coefficients, b, out, 0);
          multiplyInto(bsBlock, rows, s, coefficients, b, out, rows * b);
          multiplyInto(sBlock, rows, s, directionCoefficients, b, out, 2 * rows * b);
          multiplyInto(bsBlock, rows, s, directionCoefficients, b, out, 3 * rows * b);
          return new DenseMatrix(rows, 4 * b, out);
        });
  }

  /** Returns [XC, BX·C, 0, 0], the state after the first Rayleigh–Ritz step. */
  static DenseMatrix initialState(DenseMatrix x, DenseMatrix product, double[] coefficients) {
    int rows = x.numRows();
    int b = x.numCols();
    double[] out = new double[rows * 4 * b];
    multiplyInto(x.values(), rows, b, coefficients, b, out, 0);
    multiplyInto(product.values(), rows, b, coefficients, b, out, rows * b);
    return new DenseMatrix(rows, 4 * b, out);
  }

  /** Returns columns {@code from .. from+count-1} of a block. */
  static DenseMatrix columns(DenseMatrix block, int from, int count) {
    int rows = block.numRows();
    double[] out = new double[rows * count];
    System.arraycopy(block.values(), from * rows, out, 0, rows * count);
    return new DenseMatrix(rows, count, out);
  }

  /** Returns block · C for C (block width × b), column-major. */
  static DenseMatrix times(DenseMatrix block, double[] coefficients, int b) {
    int rows = block.numRows();
    double[] out = new double[rows * b];
    multiplyInto(block.values(), rows, block.numCols(), coefficients, b, out, 0);
    return new DenseMatrix(rows, b, out);
  }

  /** Returns Σ_rows (BV − Vθ)² per column. */
  static double[] residualSquares(RowBlocks vectors, RowBlocks product, double[] theta) {
    int b = vectors.width();
    return ChunkSums.totals(vectors
        .blocks()
        .zipPartitions(
            product.blocks(),
            (vIt, productIt) -> {
              DenseMatrix v = RowBlocks.single(vIt);
              DenseMatrix bv = RowBlocks.single(productIt);
              int rows = v.numRows();
              double[] squares = new double[rows];
              ExactSums sums = new ExactSums(b);
              for (int c = 0; c < b; c++) {
                for (int i = 0; i < rows; i++) {
                  double r = bv.values()[i + c * rows] - theta[c] * v.values()[i + c * rows];
                  squares[i] = r * r;
                }
                ChunkSums.addColumnSum(squares, 0, rows, sums, c);
              }
              return java.util.List.of(sums).iterator();
            }));
  }

  /** Returns ‖r_c‖² of the current X, read off the R-block diagonal of SᵀS. */
  static double residualNormSquared(double[] grams, Basis basis, int c) {
    int s = basis.size();
    int index = basis.b() + c;
    return grams[index + index * s];
  }

  /** Returns SᵀS from the output of {@link #grams}. */
  static double[] gram(double[] grams, Basis basis) {
    return firstHalf(grams, basis.size());
  }

  /** Returns Sᵀ·BS from the output of {@link #grams}. */
  static double[] operatorGram(double[] grams, Basis basis) {
    return secondHalf(grams, basis.size());
  }

  static double[] firstHalf(double[] grams, int s) {
    return java.util.Arrays.copyOfRange(grams, 0, s * s);
  }

  static double[] secondHalf(double[] grams, int s) {
    return java.util.Arrays.copyOfRange(grams, s * s, 2 * s * s);
  }

  /** Returns S = [X, R, P] (rows × s, column-major) of a state block. */
  private static double[] basisBlock(DenseMatrix state, Basis basis) {
    int rows = state.numRows();
    int b = basis.b();
    double[] out = new double[rows * basis.size()];
    System.arraycopy(state.values(), 0, out, 0, rows * b);
    System.arraycopy(residual(state, basis.theta(), b).values(), 0, out, rows * b, rows * b);
    if (basis.hasDirection()) {
      System.arraycopy(state.values(), 2 * rows * b, out, 2 * rows * b, rows * b);
    }
    return out;
  }

  /** Returns BS = [BX, BR, BP] (rows × s, column-major) of a state block and its BR block. */
  private static double[] imageBlock(DenseMatrix state, DenseMatrix residualProduct, Basis basis) {
    int rows = state.numRows();
    int b = basis.b();
    double[] out = new double[rows * basis.size()];
    System.arraycopy(state.values(), rows * b, out, 0, rows * b);
    System.arraycopy(residualProduct.values(), 0, out, rows * b, rows * b);
    if (basis.hasDirection()) {
      System.arraycopy(state.values(), 3 * rows * b, out, 2 * rows * b, rows * b);
    }
    return out;
  }

  private static ExactSums gramsOf(double[] s, double[] image, int rows, int width) {
    ExactSums sums = new ExactSums(2 * width * width);
    ChunkSums.addCrossProduct(s, width, s, width, rows, sums, 0);
    ChunkSums.addCrossProduct(s, width, image, width, rows, sums, width * width);
    return sums;
  }

  /**
   * Writes a·C (rows × columns) into {@code out} at {@code offset}, one chunk of
   * {@link RowLayout#ALIGNMENT} rows at a time. A BLAS may round a row's product differently with
   * the height of the block around it, so each chunk is copied into a buffer of its own first. The
   * chunks are the same at any partition count, so a row's product is too.
   */
  private static void multiplyInto(
      double[] a, int rows, int inner, double[] coefficients, int columns, double[] out, int offset) {
    BLAS blas = BLAS.getInstance();
    double[] chunk = new double[Math.min(rows, RowLayout.ALIGNMENT) * inner];
    double[] product = new double[Math.min(rows, RowLayout.ALIGNMENT) * columns];
    for (int start = 0; start < rows; start += RowLayout.ALIGNMENT) {
      int length = Math.min(RowLayout.ALIGNMENT, rows - start);
      for (int k = 0; k < inner; k++) {
        System.arraycopy(a, k * rows + start, chunk, k * length, length);
      }
      blas.dgemm("N", "N", length, columns, inner, 1.0, chunk, length, coefficients, inner, 0.0, product, length);
      for (int c = 0; c < columns; c++) {
        System.arraycopy(product, c * length, out, offset + c * rows + start, length);
      }
    }
  }
}
