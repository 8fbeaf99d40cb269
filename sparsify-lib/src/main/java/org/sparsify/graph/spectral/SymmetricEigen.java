package org.sparsify.graph.spectral;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Eigendecomposition of a small dense symmetric matrix on the driver, through LAPACK {@code dsyev}
 * (Spark's netlib binding; native when a system LAPACK is installed, pure Java otherwise).
 *
 * <p>Matrices are column-major {@code double[]}. Eigenvalues come in descending order, eigenvectors
 * as the matching columns. Cost O(s³) for an s × s matrix; no Spark.
 *
 * @param values eigenvalues, descending
 * @param vectors eigenvectors as columns of an s × s column-major matrix
 */
public record SymmetricEigen(double[] values, double[] vectors) {

  /**
   * Decomposes the symmetric s × s matrix {@code matrix} (column-major; only the upper triangle is
   * read, the array is not modified).
   *
   * @throws ArithmeticException if a value is NaN or infinite, or LAPACK reports a failure
   */
  public static SymmetricEigen of(double[] matrix, int s) {
    if (matrix.length != s * s) {
      throw new IllegalArgumentException("matrix must have s * s = " + s * s + " entries but had " + matrix.length);
    }
    for (double value : matrix) {
      if (!Double.isFinite(value)) {
        throw new ArithmeticException("cannot decompose a matrix with the entry " + value);
      }
    }

    double[] a = matrix.clone();
    double[] ascending = new double[s];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK lapack = LAPACK.getInstance();
    lapack.dsyev("V", "U", s, a, Math.max(1, s), ascending, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dsyev("V", "U", s, a, Math.max(1, s), ascending, work, work.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dsyev did not converge (info = " + info.val + ")");
    }
    return descending(ascending, a, s);
  }

  private static SymmetricEigen descending(double[] ascending, double[] vectors, int s) {
    double[] values = new double[s];
    double[] reordered = new double[s * s];
    for (int c = 0; c < s; c++) {
      int from = s - 1 - c;
      values[c] = ascending[from];
      System.arraycopy(vectors, from * s, reordered, c * s, s);
    }
    return new SymmetricEigen(values, reordered);
  }
}
