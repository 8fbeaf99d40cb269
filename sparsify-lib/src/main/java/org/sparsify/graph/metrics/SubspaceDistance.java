package org.sparsify.graph.metrics;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The sin θ distance between two k-dimensional subspaces: the sine of the largest principal angle,
 * {@code ‖sin Θ(V, W)‖₂ = sqrt(1 − σ_min(VᵀW)²)} for orthonormal bases V and W (Davis and Kahan,
 * "The rotation of eigenvectors by a perturbation. III", SIAM J. Numer. Anal. 7(1), 1970,
 * DOI 10.1137/0707001).
 *
 * <p>0 means the same subspace, 1 means some direction of one is orthogonal to the other. The
 * distance ignores signs and rotations within the subspaces, which is why it compares two spectral
 * embeddings. Only the k × k cross product VᵀW is needed, so a Spark job computes it in one
 * aggregation and calls {@link #fromCrossProduct}. The singular values come from LAPACK
 * {@code dgesvd} through Spark's netlib binding; cost O(k³).
 */
public final class SubspaceDistance {

  private SubspaceDistance() {}

  /**
   * Returns sin θ from the k × k matrix VᵀW, stored column-major.
   *
   * @param crossProduct VᵀW for orthonormal n × k bases V and W, column-major, length k²
   */
  public static double fromCrossProduct(double[] crossProduct, int k) {
    if (k < 1 || crossProduct.length != k * k) {
      throw new IllegalArgumentException(
          "the cross product must be k x k with k >= 1 but had length " + crossProduct.length + " for k = " + k);
    }
    double smallest = singularValues(crossProduct.clone(), k)[k - 1];
    double sigma = Math.min(1.0, smallest);
    return Math.sqrt((1.0 - sigma) * (1.0 + sigma));
  }

  /**
   * Returns sin θ between the column spaces of two dense n × k matrices with orthonormal columns.
   *
   * @param v rows of V, v[i][c]
   * @param w rows of W, w[i][c]
   */
  public static double of(double[][] v, double[][] w) {
    if (v.length != w.length || v.length == 0 || v[0].length != w[0].length) {
      throw new IllegalArgumentException("both bases must be n x k with the same n >= 1 and k");
    }
    int k = v[0].length;
    double[] cross = new double[k * k];
    for (int i = 0; i < v.length; i++) {
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          cross[a + b * k] += v[i][a] * w[i][b];
        }
      }
    }
    return fromCrossProduct(cross, k);
  }

  private static double[] singularValues(double[] matrix, int k) {
    double[] sigma = new double[k];
    double[] query = new double[1];
    intW info = new intW(0);
    LAPACK lapack = LAPACK.getInstance();
    lapack.dgesvd("N", "N", k, k, matrix, k, sigma, new double[1], 1, new double[1], 1, query, -1, info);
    double[] work = new double[(int) query[0]];
    lapack.dgesvd("N", "N", k, k, matrix, k, sigma, new double[1], 1, new double[1], 1, work, work.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dgesvd failed with info = " + info.val);
    }
    return sigma;
  }
}
