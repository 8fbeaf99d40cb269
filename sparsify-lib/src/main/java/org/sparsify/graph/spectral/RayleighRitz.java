package org.sparsify.graph.spectral;

/**
 * The Rayleigh–Ritz step of a block eigensolver, done on the driver from two s × s Gram matrices of
 * a basis S: {@code G = SᵀS} and {@code H = Sᵀ·Op·S}.
 *
 * <p>The basis need not be orthonormal or even of full rank. It is made orthonormal implicitly by
 * SVQB (Stathopoulos and Wu, "A block orthogonalization procedure with constant synchronization
 * requirements", SIAM J. Sci. Comput. 23(6), 2002, DOI 10.1137/S1064827500370883): with
 * {@code D = diag(G)^(-1/2)} and {@code DGD = UΣUᵀ}, directions with {@code Σ < DROP_TOLERANCE·max Σ}
 * are dropped and {@code T = D·U·Σ^(-1/2)} gives an orthonormal basis {@code S·T}. The Ritz pairs are
 * the top eigenpairs of {@code TᵀHT}. The caller forms the new block as {@code S·C} with the
 * returned coefficients C = T·Z, whose columns are orthonormal up to rounding. Cost O(s³), no Spark.
 *
 * @param coefficients s × b column-major coefficients C of the Ritz vectors in the basis S
 * @param ritzValues the b largest Ritz values, descending
 * @param rank the number of basis directions kept after SVQB
 */
public record RayleighRitz(double[] coefficients, double[] ritzValues, int rank) {

  /**
   * Relative eigenvalue of the scaled Gram matrix below which a direction of S counts as linearly
   * dependent and is dropped. At 1e-10 a kept direction amplifies rounding in G by at most 1e5.
   */
  public static final double DROP_TOLERANCE = 1e-10;

  /**
   * Computes the b largest Ritz pairs of Op in the span of S.
   *
   * @throws IllegalStateException if the span of S has fewer than b independent directions
   */
  public static RayleighRitz solve(double[] gram, double[] operatorGram, int s, int b) {
    double[] scale = inverseColumnNorms(gram, s);
    SymmetricEigen scaled = SymmetricEigen.of(scaleSymmetric(gram, scale, s), s);
    int rank = keptDirections(scaled.values());
    if (rank < b) {
      throw new IllegalStateException(
          "the search space has only " + rank + " independent directions but " + b + " Ritz vectors were requested");
    }

    double[] t = orthonormalizingMap(scaled, scale, s, rank);
    double[] projected = symmetrize(congruence(t, operatorGram, s, rank), rank);
    SymmetricEigen ritz = SymmetricEigen.of(projected, rank);

    double[] coefficients = multiply(t, s, rank, ritz.vectors(), b);
    double[] values = new double[b];
    System.arraycopy(ritz.values(), 0, values, 0, b);
    return new RayleighRitz(coefficients, values, rank);
  }

  private static double[] inverseColumnNorms(double[] gram, int s) {
    double[] scale = new double[s];
    for (int c = 0; c < s; c++) {
      double diagonal = gram[c + c * s];
      scale[c] = diagonal > 0.0 ? 1.0 / Math.sqrt(diagonal) : 0.0;
    }
    return scale;
  }

  private static double[] scaleSymmetric(double[] matrix, double[] scale, int s) {
    double[] scaled = new double[s * s];
    for (int j = 0; j < s; j++) {
      for (int i = 0; i < s; i++) {
        scaled[i + j * s] = scale[i] * matrix[i + j * s] * scale[j];
      }
    }
    return scaled;
  }

  private static int keptDirections(double[] descending) {
    double threshold = DROP_TOLERANCE * Math.max(descending[0], 0.0);
    int rank = 0;
    while (rank < descending.length && descending[rank] > threshold && descending[rank] > 0.0) {
      rank++;
    }
    return rank;
  }

  /** Returns T = D·U_r·Σ_r^(-1/2), an s × r column-major matrix. */
  private static double[] orthonormalizingMap(SymmetricEigen scaled, double[] scale, int s, int rank) {
    double[] t = new double[s * rank];
    for (int c = 0; c < rank; c++) {
      double inverseRoot = 1.0 / Math.sqrt(scaled.values()[c]);
      for (int i = 0; i < s; i++) {
        t[i + c * s] = scale[i] * scaled.vectors()[i + c * s] * inverseRoot;
      }
    }
    return t;
  }

  /** Returns TᵀHT (r × r) for T s × r and H s × s, all column-major. */
  static double[] congruence(double[] t, double[] h, int s, int r) {
    double[] ht = multiply(h, s, s, t, r);
    double[] result = new double[r * r];
    for (int j = 0; j < r; j++) {
      for (int i = 0; i < r; i++) {
        double sum = 0.0;
        for (int l = 0; l < s; l++) {
          sum += t[l + i * s] * ht[l + j * s];
        }
        result[i + j * r] = sum;
      }
    }
    return result;
  }

  /** Returns A·B for A (rows × inner) and the first {@code columns} columns of B (inner × ≥columns). */
  static double[] multiply(double[] a, int rows, int inner, double[] b, int columns) {
    double[] product = new double[rows * columns];
    for (int j = 0; j < columns; j++) {
      for (int l = 0; l < inner; l++) {
        double factor = b[l + j * inner];
        if (factor == 0.0) {
          continue;
        }
        for (int i = 0; i < rows; i++) {
          product[i + j * rows] += a[i + l * rows] * factor;
        }
      }
    }
    return product;
  }

  private static double[] symmetrize(double[] matrix, int r) {
    for (int j = 0; j < r; j++) {
      for (int i = 0; i < j; i++) {
        double mean = 0.5 * (matrix[i + j * r] + matrix[j + i * r]);
        matrix[i + j * r] = mean;
        matrix[j + i * r] = mean;
      }
    }
    return matrix;
  }
}
