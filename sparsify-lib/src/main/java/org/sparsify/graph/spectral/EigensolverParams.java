package org.sparsify.graph.spectral;

import org.sparsify.common.Checks;

/**
 * Parameters of {@link BlockEigensolver}.
 *
 * @param numWanted eigenpairs that must converge (the spectral job asks for k + 1)
 * @param blockSize columns of the iterated block, numWanted plus oversampling; default
 *     {@link #defaultBlockSize}
 * @param tolerance convergence threshold on the Laplacian residual {@code ‖L_τx − λx‖} of a unit
 *     vector x; default 1e-6. NOTE: residuals level off near 1e-9 (measured on an 800-node planted
 *     graph over 250 passes), so a smaller tolerance runs to the pass limit.
 * @param maxPasses maximum operator applications (distributed passes), including the first and the
 *     final verification pass; default 300
 * @param checkpointInterval passes between lineage cuts (checkpoints); default 10
 * @param seed seed of the random start block
 */
public record EigensolverParams(
    int numWanted, int blockSize, double tolerance, int maxPasses, int checkpointInterval, long seed) {

  /** Default residual tolerance. */
  public static final double TOLERANCE_DEFAULT = 1e-6;
  /** Default pass limit. */
  public static final int MAX_PASSES_DEFAULT = 300;
  /** Default number of passes between checkpoints. */
  public static final int CHECKPOINT_INTERVAL_DEFAULT = 10;

  public EigensolverParams {
    Checks.atLeast("numWanted", numWanted, 1);
    Checks.atLeast("blockSize", blockSize, numWanted);
    Checks.positive("tolerance", tolerance);
    Checks.atLeast("maxPasses", maxPasses, 2);
    Checks.atLeast("checkpointInterval", checkpointInterval, 1);
  }

  /** Returns the parameters for {@code numWanted} pairs with every other value at its default. */
  public static EigensolverParams defaults(int numWanted, long seed) {
    return new EigensolverParams(
        numWanted,
        defaultBlockSize(numWanted),
        TOLERANCE_DEFAULT,
        MAX_PASSES_DEFAULT,
        CHECKPOINT_INTERVAL_DEFAULT,
        seed);
  }

  /**
   * Returns the default block size: numWanted plus max(4, numWanted/4) extra columns, which speed
   * up convergence of the last wanted pairs when the eigengap after them is small.
   */
  public static int defaultBlockSize(int numWanted) {
    return numWanted + Math.max(4, numWanted / 4);
  }
}
