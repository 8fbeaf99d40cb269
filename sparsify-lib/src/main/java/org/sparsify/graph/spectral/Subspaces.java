package org.sparsify.graph.spectral;

import java.util.List;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.sparsify.common.ExactSums;
import org.sparsify.graph.metrics.SubspaceDistance;

/** Distributed comparison of two eigenvector blocks with the same row layout. */
public final class Subspaces {

  private Subspaces() {}

  /**
   * Returns the sin θ distance between the spans of the first k columns of two blocks with
   * orthonormal columns: one aggregation of k² exact sums, then {@link SubspaceDistance} on the driver.
   */
  public static double sinTheta(RowBlocks v, RowBlocks w, int k) {
    if (!v.layout().equals(w.layout())) {
      throw new IllegalArgumentException("both blocks need the same row layout but had " + v.layout() + " and " + w.layout());
    }
    double[] cross = ChunkSums.totals(v.blocks()
        .zipPartitions(w.blocks(), (vIt, wIt) -> List.of(crossProduct(RowBlocks.single(vIt), RowBlocks.single(wIt), k)).iterator()));
    return SubspaceDistance.fromCrossProduct(cross, k);
  }

  /** Returns VᵀW of the first k columns of two aligned blocks, as exact sums over chunks of rows. */
  private static ExactSums crossProduct(DenseMatrix v, DenseMatrix w, int k) {
    ExactSums sums = new ExactSums(k * k);
    ChunkSums.addCrossProduct(v.values(), k, w.values(), k, v.numRows(), sums, 0);
    return sums;
  }
}
