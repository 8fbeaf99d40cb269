package org.sparsify.gradient.compress;

/**
 * Rounds message values to multiples of 2^-36 so that adding messages is exact in double precision
 * and therefore independent of the order in which Spark merges them.
 *
 * <p>Two multiples of 2^-36 whose sum is below 2^17 in magnitude add without rounding, because the
 * sum needs at most 53 significant bits. {@code treeAggregate} merges partial sums in the order in
 * which shuffle blocks arrive, so without this grid the model could differ in its last bits between
 * runs with different executors. The rounding difference (at most 2^-37 per value) stays in the
 * worker's residual, so error feedback sends it later and nothing is lost.
 *
 * <p>NOTE: a partial sum of 2^17 or more in magnitude is rounded again and the order independence
 * no longer holds for that coordinate; training still proceeds correctly.
 */
public final class ExactSumGrid {

  /** The grid spacing, 2^-36. */
  public static final double SPACING = 0x1.0p-36;

  private ExactSumGrid() {}

  /** Returns the multiple of 2^-36 nearest to {@code value} (ties to even). */
  public static double round(double value) {
    return Math.rint(value * 0x1.0p36) * SPACING;
  }

  /** Returns {@code message} with every value rounded to the grid; entries that round to 0 drop. */
  public static SparseMessage round(SparseMessage message) {
    int n = message.entries();
    int[] indices = new int[n];
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
      indices[k] = message.indexAt(k);
      values[k] = round(message.valueAt(k));
    }
    if (message.isDense()) {
      return SparseMessage.dense(values);
    }
    return SparseMessage.of(message.dimension(), indices, values);
  }
}
