package org.sparsify.graph.clustering;

import org.sparsify.common.Checks;

/**
 * Parameters of {@link SpectralClustering}.
 *
 * @param k number of clusters
 * @param runs k-means runs with different seeds; the run with the lowest cost is kept; default 3
 * @param maxIterations Lloyd iterations per k-means run; default 30
 * @param repairRounds maximum rounds of neighbour-majority repair; default 10
 * @param seed seed of the k-means runs
 */
public record ClusteringParams(int k, int runs, int maxIterations, int repairRounds, long seed) {

  /** Default number of k-means runs. */
  public static final int RUNS_DEFAULT = 3;
  /** Default Lloyd iterations per run. */
  public static final int MAX_ITERATIONS_DEFAULT = 30;
  /** Default maximum repair rounds. */
  public static final int REPAIR_ROUNDS_DEFAULT = 10;

  public ClusteringParams {
    Checks.atLeast("k", k, 1);
    Checks.atLeast("runs", runs, 1);
    Checks.atLeast("maxIterations", maxIterations, 1);
    Checks.atLeast("repairRounds", repairRounds, 0);
  }

  /** Returns parameters for k clusters with every other value at its default. */
  public static ClusteringParams defaults(int k, long seed) {
    return new ClusteringParams(k, RUNS_DEFAULT, MAX_ITERATIONS_DEFAULT, REPAIR_ROUNDS_DEFAULT, seed);
  }
}
