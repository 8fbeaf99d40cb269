package org.sparsify.graph.generate;

import java.io.Serializable;
import org.sparsify.common.Checks;

/**
 * Parameters of a planted-partition (stochastic block) graph: {@code clusters} blocks of {@code
 * clusterSize} nodes; two nodes in the same block are joined with probability {@code pIn}, two
 * nodes in different blocks with probability {@code pOut}.
 *
 * <p>Defaults ({@link #defaults()}): 4 clusters of 200 nodes, pIn 0.1, pOut 0.005, which gives
 * about 7,960 within-cluster and 1,200 cross-cluster edges.
 */
public record PlantedPartition(int clusters, int clusterSize, double pIn, double pOut)
    implements Serializable {

  public PlantedPartition {
    Checks.atLeast("clusters", clusters, 1);
    Checks.atLeast("cluster size", clusterSize, 1);
    if (!(pIn >= 0.0 && pIn <= 1.0)) {
      throw new IllegalArgumentException("pIn must be in [0, 1] but was " + pIn);
    }
    if (!(pOut >= 0.0 && pOut <= 1.0)) {
      throw new IllegalArgumentException("pOut must be in [0, 1] but was " + pOut);
    }
    if ((long) clusters * clusterSize > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "clusters * cluster size must be at most " + Integer.MAX_VALUE + " but was "
              + (long) clusters * clusterSize);
    }
  }

  /** Returns 4 clusters of 200 nodes with pIn 0.1 and pOut 0.005. */
  public static PlantedPartition defaults() {
    return new PlantedPartition(4, 200, 0.1, 0.005);
  }

  /** Returns the number of nodes, clusters × cluster size. */
  public long numNodes() {
    return (long) clusters * clusterSize;
  }

  /** Returns the expected number of edges. */
  public double expectedEdges() {
    double s = clusterSize;
    double within = clusters * s * (s - 1) / 2.0;
    double across = (double) clusters * (clusters - 1) / 2.0 * s * s;
    return within * pIn + across * pOut;
  }

  /** Returns the block of node {@code node}, in 0..clusters-1. */
  public int clusterOf(long node) {
    return (int) (node / clusterSize);
  }
}
