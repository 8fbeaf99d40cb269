package org.sparsify.graph.spectral;

import java.io.Serializable;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.sparsify.common.Checks;
import org.sparsify.common.ExactSums;

/**
 * The degree-regularised normalized Laplacian {@code L_τ = I − D_τ^(-1/2)·A·D_τ^(-1/2)} of an
 * undirected weighted graph, with {@code D_τ = D + τI}, applied through the positive semidefinite
 * operator {@code B = (I + D_τ^(-1/2)·A·D_τ^(-1/2)) / 2 = I − L_τ/2}.
 *
 * <p>The eigenvalues of B lie in [0, 1] and the top eigenvectors of B are the bottom eigenvectors of
 * L_τ, with {@code λ(L_τ) = 2·(1 − θ(B))}. Regularisation follows Qin and Rohe, "Regularized
 * spectral clustering under the degree-corrected stochastic blockmodel", NeurIPS 2013
 * (arXiv 1309.4111), and Amini et al., Annals of Statistics 41(4), 2013 (arXiv 1207.2340): with τ
 * near the mean degree, low-degree nodes no longer take eigenvectors of their own. τ = 0 gives the
 * plain normalized Laplacian; a node with no edge then has a zero row in D^(-1/2)·A·D^(-1/2) and the
 * Laplacian eigenvalue 1.
 *
 * <p>Cost per application to an n × b block: O(m·b) flops and one shuffle of at most
 * {@code n·b·min(parts, maxDegree + 1)} numbers (see {@link PartitionedGraph}); no driver memory
 * beyond O(1). Results do not depend on the partition count (bitwise, for a fixed τ).
 */
public final class NormalizedLaplacian implements Serializable {
  private static final long serialVersionUID = 1L;

  private final PartitionedGraph normalized;
  private final double tau;
  private final double meanDegree;

  private NormalizedLaplacian(PartitionedGraph normalized, double tau, double meanDegree) {
    this.normalized = normalized;
    this.tau = tau;
    this.meanDegree = meanDegree;
  }

  /**
   * Builds the operator of {@code graph}.
   *
   * @param tau degree regularisation τ ≥ 0, or NaN for the default: the mean weighted degree
   *     {@code 2·(total edge weight)/n}
   */
  public static NormalizedLaplacian of(PartitionedGraph graph, double tau) {
    RowBlocks degrees = graph.degrees().persist();
    double totalDegree = ChunkSums.totals(degrees.blocks().map(entry -> {
      ExactSums sums = new ExactSums(1);
      double[] values = ((DenseMatrix) entry._2()).values();
      ChunkSums.addColumnSum(values, 0, values.length, sums, 0);
      return sums;
    }))[0];
    double meanDegree = totalDegree / graph.layout().numRows();
    double resolvedTau = Double.isNaN(tau) ? meanDegree : Checks.nonNegative("tau", tau);

    RowBlocks inverseRoots =
        degrees.map(1, (first, block) -> inverseSquareRoots(block, resolvedTau));
    PartitionedGraph normalized =
        graph.reweight(
            inverseRoots,
            (row, neighbor, weight, rowScale, neighborScale) ->
                row < neighbor ? weight * (rowScale * neighborScale) : weight * (neighborScale * rowScale));
    degrees.unpersist();
    return new NormalizedLaplacian(normalized, resolvedTau, meanDegree);
  }

  /** Returns the regularisation τ in use. */
  public double tau() {
    return tau;
  }

  /** Returns the mean weighted degree of the graph. */
  public double meanDegree() {
    return meanDegree;
  }

  /** Returns the row layout that blocks passed to {@link #applyShifted} must use. */
  public RowLayout layout() {
    return normalized.layout();
  }

  /** Returns {@code B·X = (X + D_τ^(-1/2)·A·D_τ^(-1/2)·X) / 2}, lazily (one shuffle when evaluated). */
  public RowBlocks applyShifted(RowBlocks x) {
    if (!x.layout().equals(layout())) {
      throw new IllegalArgumentException("block layout " + x.layout() + " differs from the operator's " + layout());
    }
    return normalized.gather(x, x.width(), NormalizedLaplacian::shiftedProduct);
  }

  /** Removes the cached normalized adjacency. */
  public void unpersist() {
    normalized.unpersist();
  }

  /** Converts an eigenvalue θ of B to the eigenvalue 2·(1 − θ) of L_τ. */
  public static double laplacianEigenvalue(double shiftedEigenvalue) {
    return 2.0 * (1.0 - shiftedEigenvalue);
  }

  private static DenseMatrix shiftedProduct(GraphPartition part, double[] gathered, int width) {
    double[] out = new double[part.numRows * width];
    double[] sum = new double[width];
    for (int r = 0; r < part.numRows; r++) {
      java.util.Arrays.fill(sum, 0.0);
      for (int e = part.rowStart[r]; e < part.rowStart[r + 1]; e++) {
        int base = part.neighborSlot[e] * width;
        double w = part.weight[e];
        for (int c = 0; c < width; c++) {
          sum[c] += w * gathered[base + c];
        }
      }
      int self = part.selfSlot[r] * width;
      for (int c = 0; c < width; c++) {
        out[r + c * part.numRows] = 0.5 * (gathered[self + c] + sum[c]);
      }
    }
    return new DenseMatrix(part.numRows, width, out);
  }

  private static DenseMatrix inverseSquareRoots(DenseMatrix degrees, double tau) {
    double[] scale = new double[degrees.numRows()];
    for (int r = 0; r < scale.length; r++) {
      double regularized = degrees.values()[r] + tau;
      scale[r] = regularized > 0.0 ? 1.0 / Math.sqrt(regularized) : 0.0;
    }
    return new DenseMatrix(scale.length, 1, scale);
  }
}
