package org.sparsify.gradient.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsify.gradient.io.SparseExample;
import org.sparsify.graph.spectral.SymmetricEigen;

class StepSizeTest {

  private static final int FEATURES = 12;

  /** Rows with 1 to 6 distinct sorted features and values in [-2, 2]. */
  private static SparseExample[] rows(int count, long seed) {
    Random random = new Random(seed);
    SparseExample[] rows = new SparseExample[count];
    for (int i = 0; i < count; i++) {
      List<Integer> columns = new ArrayList<>();
      for (int j = 0; j < FEATURES; j++) {
        columns.add(j);
      }
      Collections.shuffle(columns, random);
      int nnz = 1 + random.nextInt(6);
      int[] indices = columns.subList(0, nnz).stream().mapToInt(Integer::intValue).sorted().toArray();
      double[] values = new double[nnz];
      for (int k = 0; k < nnz; k++) {
        values[k] = 4 * random.nextDouble() - 2;
      }
      rows[i] = new SparseExample(i, random.nextBoolean() ? 1 : -1, indices, values);
    }
    return rows;
  }

  /** Returns λ_max((1/m)·X̃ᵀX̃) from a dense eigendecomposition. */
  private static double largestEigenvalue(SparseExample[] rows, boolean intercept) {
    int s = FEATURES + 1;
    double[] gram = new double[s * s];
    for (SparseExample row : rows) {
      double[] x = new double[s];
      for (int k = 0; k < row.indices().length; k++) {
        x[row.indices()[k]] = row.values()[k];
      }
      x[FEATURES] = intercept ? 1.0 : 0.0;
      for (int a = 0; a < s; a++) {
        for (int b = 0; b < s; b++) {
          gram[a + b * s] += x[a] * x[b] / rows.length;
        }
      }
    }
    return SymmetricEigen.of(gram, s).values()[0];
  }

  @Test
  void estimateMatchesTheLargestEigenvalue() {
    SparseExample[] rows = rows(400, 3);
    for (boolean intercept : new boolean[] {true, false}) {
      double expected = largestEigenvalue(rows, intercept) / 4 + 1e-3;
      double estimate = StepSize.lipschitz(rows, FEATURES, intercept, 1e-3, 9);
      // Power iteration converges at the rate of the eigengap, so the estimate is only close, and low.
      assertEquals(expected, estimate, 0.01 * expected, "intercept " + intercept);
      assertTrue(estimate <= expected * (1 + 1e-12), "power iteration cannot exceed the largest eigenvalue");
    }
  }

  @Test
  void rowOrderDoesNotChangeABit() {
    SparseExample[] rows = rows(250, 4);
    SparseExample[] shuffled = rows.clone();
    Collections.shuffle(java.util.Arrays.asList(shuffled), new Random(5));
    assertEquals(StepSize.lipschitz(rows, FEATURES, true, 0, 2), StepSize.lipschitz(shuffled, FEATURES, true, 0, 2));
  }

  @Test
  void indicesBeyondTheFeatureCountAreIgnored() {
    SparseExample[] rows = {new SparseExample(0, 1, new int[] {0, FEATURES + 3}, new double[] {2.0, 50.0})};
    // X̃ = [2, 0, ..., 0, 1]: λ_max = 4 + 1 = 5.
    assertEquals(5.0 / 4, StepSize.lipschitz(rows, FEATURES, true, 0, 1), 1e-9);
  }

  @Test
  void emptySampleIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StepSize.lipschitz(new SparseExample[0], FEATURES, true, 0, 1));
    assertTrue(e.getMessage().contains("at least one example"), e.getMessage());
  }

  @Test
  void parseStepAcceptsAutoAndRejectsNonPositive() {
    assertEquals(0.0, TrainerParams.parseStep("auto"));
    assertEquals(0.5, TrainerParams.parseStep(" 0.5 "));
    for (String bad : new String[] {"0", "-1", "fast", "Infinity", "NaN"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerParams.parseStep(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }
}
