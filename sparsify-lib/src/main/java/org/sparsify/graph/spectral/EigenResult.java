package org.sparsify.graph.spectral;

import java.util.ArrayList;
import java.util.List;

/**
 * The bottom eigenpairs of a normalized Laplacian found by {@link BlockEigensolver}.
 *
 * @param vectors n × blockSize orthonormal Ritz vectors, column c matching {@code eigenvalues[c]}
 * @param eigenvalues Laplacian Ritz values, ascending, one per column
 * @param residuals {@code ‖L_τv − λv‖} of each column, measured with a fresh operator application
 * @param numWanted the leading columns that were required to converge
 * @param tolerance the residual tolerance they were held to
 * @param passes operator applications spent, the final verification included
 */
public record EigenResult(
    RowBlocks vectors, double[] eigenvalues, double[] residuals, int numWanted, double tolerance, int passes) {

  /** Returns whether every wanted pair has a residual within the tolerance. */
  public boolean converged() {
    return unconverged().isEmpty();
  }

  /** Returns the indices of the wanted pairs whose residual exceeds the tolerance. */
  public List<Integer> unconverged() {
    List<Integer> indices = new ArrayList<>();
    for (int c = 0; c < numWanted; c++) {
      if (!(residuals[c] <= tolerance)) {
        indices.add(c);
      }
    }
    return indices;
  }

  /** Returns the largest residual among the wanted pairs. */
  public double maxResidual() {
    double max = 0.0;
    for (int c = 0; c < numWanted; c++) {
      max = Math.max(max, residuals[c]);
    }
    return max;
  }
}
