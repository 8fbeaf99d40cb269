package org.sparsify.gradient.train;

import org.sparsify.gradient.io.SparseExample;

/**
 * Binary logistic loss with L2 regularisation, for labels y in {-1, +1}. Spark-free.
 *
 * <p>Model layout: entries 0..d-1 are the feature weights w, entry d is the intercept b (kept at 0
 * when the intercept is off). The objective over n examples is
 * F(w, b) = (1/n) Σ log(1 + exp(−y·(w·x + b))) + (R/2)·‖w‖²; the intercept is not regularised.
 * Feature indices at or above d (possible in a test set) contribute nothing to the margin.
 */
public final class LogisticLoss {

  private LogisticLoss() {}

  /** Returns the margin w·x + b. */
  public static double margin(double[] model, SparseExample example) {
    int d = model.length - 1;
    int[] indices = example.indices();
    double[] values = example.values();
    double sum = model[d];
    for (int k = 0; k < indices.length && indices[k] < d; k++) {
      sum += model[indices[k]] * values[k];
    }
    return sum;
  }

  /** Returns log(1 + exp(−y·margin)), computed without overflow. */
  public static double loss(double margin, double label) {
    double z = label * margin;
    return z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
  }

  /**
   * Adds {@code scale} times the gradient of one example's loss to {@code gradient} and returns the
   * loss. The intercept entry is left alone when {@code intercept} is false.
   */
  public static double accumulate(
      double[] model, SparseExample example, boolean intercept, double scale, double[] gradient) {
    int d = model.length - 1;
    double margin = margin(model, example);
    double label = example.label();
    // d/dm log(1 + exp(-y m)) = -y / (1 + exp(y m))
    double derivative = -label / (1.0 + Math.exp(label * margin));
    int[] indices = example.indices();
    double[] values = example.values();
    for (int k = 0; k < indices.length && indices[k] < d; k++) {
      gradient[indices[k]] += scale * derivative * values[k];
    }
    if (intercept) {
      gradient[d] += scale * derivative;
    }
    return loss(margin, label);
  }

  /** Adds the gradient R·w of the penalty (R/2)·‖w‖² to {@code gradient}; the intercept is exempt. */
  public static void addRegularization(double[] model, double reg, double[] gradient) {
    for (int j = 0; j < model.length - 1; j++) {
      gradient[j] += reg * model[j];
    }
  }

  /** Returns the penalty (R/2)·‖w‖², intercept excluded. */
  public static double penalty(double[] model, double reg) {
    double sum = 0.0;
    for (int j = 0; j < model.length - 1; j++) {
      sum += model[j] * model[j];
    }
    return 0.5 * reg * sum;
  }

  /** Returns +1 when the margin is >= 0, otherwise -1. */
  public static double predict(double[] model, SparseExample example) {
    return margin(model, example) >= 0 ? 1.0 : -1.0;
  }
}
