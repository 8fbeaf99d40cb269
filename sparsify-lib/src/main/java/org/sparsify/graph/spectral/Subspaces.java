package org.sparsify.graph.spectral;

import java.util.List;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.sparsify.graph.metrics.SubspaceDistance;

/** Distributed comparison of two eigenvector blocks with the same row layout. */
public final class Subspaces {

  private Subspaces() {}

  /**
   * Returns the sin θ distance between the spans of the first k columns of two blocks with
   * orthonormal columns: one aggregation of k² numbers, then {@link SubspaceDistance} on the driver.
   */
  public static double sinTheta(RowBlocks v, RowBlocks w, int k) {
    if (!v.layout().equals(w.layout())) {
      throw new IllegalArgumentException("both blocks need the same row layout but had " + v.layout() + " and " + w.layout());
    }
    double[] cross = v.blocks()
        .zipPartitions(w.blocks(), (vIt, wIt) -> List.of(crossProduct(RowBlocks.single(vIt), RowBlocks.single(wIt), k)).iterator())
        .treeReduce(Subspaces::add);
    return SubspaceDistance.fromCrossProduct(cross, k);
  }

  private static double[] crossProduct(DenseMatrix v, DenseMatrix w, int k) {
    int rows = v.numRows();
    double[] cross = new double[k * k];
    for (int b = 0; b < k; b++) {
      for (int a = 0; a < k; a++) {
        double sum = 0.0;
        for (int r = 0; r < rows; r++) {
          sum += v.values()[r + a * rows] * w.values()[r + b * rows];
        }
        cross[a + b * k] = sum;
      }
    }
    return cross;
  }

  private static double[] add(double[] left, double[] right) {
    double[] sum = new double[left.length];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = left[i] + right[i];
    }
    return sum;
  }
}
