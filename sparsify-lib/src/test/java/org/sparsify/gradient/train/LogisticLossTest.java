package org.sparsify.gradient.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsify.gradient.io.SparseExample;

class LogisticLossTest {

  private static final double TOLERANCE = 1e-6;

  private static final SparseExample[] EXAMPLES = {
    new SparseExample(0, 1, new int[] {0, 2}, new double[] {0.5, -1.0}),
    new SparseExample(1, -1, new int[] {1, 2, 3}, new double[] {2.0, 0.25, 1.0}),
    new SparseExample(2, 1, new int[] {3}, new double[] {-0.75}),
  };

  private static double objective(double[] model, double reg) {
    double sum = 0.0;
    for (SparseExample e : EXAMPLES) {
      sum += LogisticLoss.loss(LogisticLoss.margin(model, e), e.label());
    }
    return sum / EXAMPLES.length + LogisticLoss.penalty(model, reg);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    double[] model = {0.3, -0.2, 0.7, 0.1, -0.4};
    double reg = 0.05;
    double[] gradient = new double[model.length];
    for (SparseExample e : EXAMPLES) {
      LogisticLoss.accumulate(model, e, true, 1.0 / EXAMPLES.length, gradient);
    }
    LogisticLoss.addRegularization(model, reg, gradient);

    double h = 1e-6;
    for (int j = 0; j < model.length; j++) {
      double[] up = model.clone();
      double[] down = model.clone();
      up[j] += h;
      down[j] -= h;
      double numeric = (objective(up, reg) - objective(down, reg)) / (2 * h);
      assertEquals(numeric, gradient[j], TOLERANCE, "coordinate " + j);
    }
  }

  @Test
  void interceptIsLeftAloneWhenOff() {
    double[] model = {0.3, -0.2, 0.7, 0.1, 0.0};
    double[] gradient = new double[model.length];

    LogisticLoss.accumulate(model, EXAMPLES[0], false, 1.0, gradient);

    assertEquals(0.0, gradient[4]);
  }

  @Test
  void lossIsFiniteAtExtremeMargins() {
    assertEquals(1000.0, LogisticLoss.loss(-1000, 1), 1e-9);
    assertEquals(0.0, LogisticLoss.loss(1000, 1), 1e-300);
    assertEquals(Math.log(2), LogisticLoss.loss(0, -1), 1e-15);
    assertTrue(Double.isFinite(LogisticLoss.loss(1e308, -1)));
  }

  @Test
  void featuresBeyondTheModelAreIgnored() {
    double[] model = {1.0, 2.0, 0.5};
    SparseExample wide = new SparseExample(0, 1, new int[] {1, 7}, new double[] {1.0, 100.0});

    assertEquals(2.5, LogisticLoss.margin(model, wide));
  }
}
