package org.sparsify.gradient.compress;

import org.sparsify.common.Checks;

/**
 * Hard-threshold sparsification: sends every entry with |a_i| >= λ.
 *
 * <p>Sahu, Dutta, Abdelmoniem, Banerjee, Canini and Kalnis, "Rethinking gradient sparsification as
 * total error minimization", NeurIPS 2021 (arXiv 2108.00951), show that with error feedback this
 * compressor minimises the total error Σ_t ‖a_t − C(a_t)‖² for a given communication budget, and
 * that the number of entries it sends adapts to the round instead of being fixed.
 *
 * <p>Units: λ is compared with the entries of the error-corrected update a = e + γ·g, that is in
 * the units of the model coordinates (step size times gradient), not of the raw gradient. Cost O(d)
 * per call; deterministic.
 */
public final class HardThresholdSparsifier implements Compressor {

  private static final long serialVersionUID = 1L;

  private final double lambda;

  /** Creates a sparsifier with threshold {@code lambda > 0}. */
  public HardThresholdSparsifier(double lambda) {
    this.lambda = Checks.positive("lambda", lambda);
  }

  /**
   * Returns the fallback threshold 1/(2√K) used by {@code hard-threshold-auto:K} when calibration
   * on the first round finds no non-zero entry.
   */
  public static double fallbackLambda(int k) {
    Checks.atLeast("k", k, 1);
    return 1.0 / (2.0 * Math.sqrt(k));
  }

  /** Returns λ. */
  public double lambda() {
    return lambda;
  }

  @Override
  public SparseMessage compress(double[] a, int round, int worker) {
    int count = 0;
    for (double v : a) {
      if (v != 0.0 && Math.abs(v) >= lambda) {
        count++;
      }
    }
    int[] indices = new int[count];
    double[] values = new double[count];
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != 0.0 && Math.abs(a[i]) >= lambda) {
        indices[n] = i;
        values[n++] = a[i];
      }
    }
    return SparseMessage.of(a.length, indices, values);
  }

  @Override
  public String spec() {
    return "hard-threshold:" + lambda;
  }
}
