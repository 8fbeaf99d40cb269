package org.sparsify.gradient.train;

import java.util.Arrays;
import java.util.Comparator;
import org.sparsify.common.SeededHash;
import org.sparsify.gradient.io.SparseExample;

/**
 * Estimates L, the Lipschitz constant of the gradient of the logistic objective, for the step
 * γ = 1/L that gradient descent can take without diverging. Spark-free.
 *
 * <p>The Hessian of the mean logistic loss is bounded by (1/4)·(1/n)·X̃ᵀX̃, where X̃ is the data
 * with a column of ones for the intercept, so L ≤ λ_max((1/n)·X̃ᵀX̃)/4 + R. The estimate runs power
 * iteration on the rows of a sample, which gives a value at or slightly below λ_max of the sample's
 * matrix. A step of up to 2/L keeps plain gradient descent stable, and up to 2(1 + β)/L with
 * heavy-ball momentum β, so the estimate may err low by a wide margin without harm.
 *
 * <p>Cost O(iterations · (nnz + d)) time and O(d) memory. The start vector and the row order come
 * from the seed and the example ids, so the estimate does not depend on how the sample was
 * gathered.
 */
public final class StepSize {

  /** The maximum number of power iterations; fewer run when the estimate settles to {@link #TOLERANCE}. */
  public static final int MAX_ITERATIONS = 100;

  /** The relative change between iterations at which the power iteration stops. */
  public static final double TOLERANCE = 1e-6;

  private static final long START_STREAM = 0x5354455053L;

  private StepSize() {}

  /**
   * Returns the estimate of L = λ_max((1/m)·X̃ᵀX̃)/4 + R over {@code sample}.
   *
   * @param sample m ≥ 1 examples; indices at or above {@code featureCount} are ignored
   * @param featureCount d
   * @param intercept whether X̃ has the column of ones
   * @param reg R
   * @param seed the seed of the start vector
   */
  public static double lipschitz(
      SparseExample[] sample, int featureCount, boolean intercept, double reg, long seed) {
    if (sample.length == 0) {
      throw new IllegalArgumentException("the step estimate needs at least one example");
    }
    SparseExample[] rows = sample.clone();
    Arrays.sort(rows, Comparator.comparingLong(SparseExample::id));
    int size = featureCount + 1;
    double[] v = new double[size];
    for (int j = 0; j < size; j++) {
      v[j] = SeededHash.toUnitInterval(SeededHash.hash(seed, START_STREAM, j)) < 0.5 ? -1.0 : 1.0;
    }
    if (!intercept) {
      v[featureCount] = 0.0;
    }
    normalize(v);
    double lambda = 0.0;
    double[] next = new double[size];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      Arrays.fill(next, 0.0);
      double rayleigh = 0.0;
      for (SparseExample row : rows) {
        double dot = dot(row, v, featureCount, intercept);
        rayleigh += dot * dot;
        addScaled(row, dot, next, featureCount, intercept);
      }
      double previous = lambda;
      lambda = rayleigh / rows.length;
      double norm = normalize(next);
      if (norm == 0.0) {
        break;
      }
      double[] swap = v;
      v = next;
      next = swap;
      if (iteration > 0 && Math.abs(lambda - previous) <= TOLERANCE * lambda) {
        break;
      }
    }
    return lambda / 4.0 + reg;
  }

  private static double dot(SparseExample row, double[] v, int d, boolean intercept) {
    int[] indices = row.indices();
    double[] values = row.values();
    double sum = intercept ? v[d] : 0.0;
    for (int k = 0; k < indices.length && indices[k] < d; k++) {
      sum += values[k] * v[indices[k]];
    }
    return sum;
  }

  private static void addScaled(SparseExample row, double scale, double[] out, int d, boolean intercept) {
    int[] indices = row.indices();
    double[] values = row.values();
    for (int k = 0; k < indices.length && indices[k] < d; k++) {
      out[indices[k]] += scale * values[k];
    }
    if (intercept) {
      out[d] += scale;
    }
  }

  /** Scales {@code v} to unit length and returns its former length. */
  private static double normalize(double[] v) {
    double sum = 0.0;
    for (double x : v) {
      sum += x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm > 0.0) {
      for (int j = 0; j < v.length; j++) {
        v[j] /= norm;
      }
    }
    return norm;
  }
}
