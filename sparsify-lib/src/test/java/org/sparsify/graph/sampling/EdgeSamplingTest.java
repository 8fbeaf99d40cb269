package org.sparsify.graph.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeSamplingTest {

  /** Allowed deviation from an expectation, in standard deviations. */
  private static final double SIGMAS = 4.5;

  @Test
  void bernoulliKeepRateWithinSigmas() {
    int edges = 200_000;
    double p = 0.3;
    int kept = 0;
    for (int i = 0; i < edges; i++) {
      if (EdgeSampling.bernoulliWeight(7, i, i + 1 + (i % 13), 1.0, p) > 0) {
        kept++;
      }
    }
    double sigma = Math.sqrt(edges * p * (1 - p));
    assertEquals(edges * p, kept, SIGMAS * sigma);
  }

  @Test
  void bernoulliReweightsByInverseProbability() {
    double p = 0.25;
    for (int i = 0; i < 1000; i++) {
      double w = EdgeSampling.bernoulliWeight(3, i, i + 5, 2.0, p);
      assertTrue(w == 0.0 || w == 8.0, "weight " + w);
    }
  }

  @Test
  void bernoulliDecisionDependsOnSeed() {
    int differing = 0;
    for (int i = 0; i < 1000; i++) {
      boolean a = EdgeSampling.bernoulliWeight(1, i, i + 1, 1.0, 0.5) > 0;
      boolean b = EdgeSampling.bernoulliWeight(2, i, i + 1, 1.0, 0.5) > 0;
      differing += a != b ? 1 : 0;
    }
    assertEquals(500, differing, SIGMAS * Math.sqrt(250));
  }

  @Test
  void poissonMeanAndVariance() {
    SplittableRandom random = new SplittableRandom(11);
    for (double mean : new double[] {0.05, 1.0, 7.5, 800.0}) {
      int draws = 40_000;
      double sum = 0;
      double sumSquares = 0;
      for (int i = 0; i < draws; i++) {
        int k = EdgeSampling.poisson(random, mean);
        sum += k;
        sumSquares += (double) k * k;
      }
      double sampleMean = sum / draws;
      double sampleVariance = sumSquares / draws - sampleMean * sampleMean;
      assertEquals(mean, sampleMean, SIGMAS * Math.sqrt(mean / draws), "mean at " + mean);
      assertEquals(mean, sampleVariance, 0.1 * mean + 0.01, "variance at " + mean);
    }
  }

  @Test
  void budgetWeightIsUnbiased() {
    double rate = 0.4;
    int edges = 100_000;
    double total = 0;
    for (int i = 0; i < edges; i++) {
      total += EdgeSampling.budgetWeight(5, i, i + 2, 1.0, rate);
    }
    // Each weight is k / rate with k ~ Poisson(rate): variance 1 / rate per edge.
    assertEquals(edges, total, SIGMAS * Math.sqrt(edges / rate));
  }

  @Test
  void specParsing() {
    assertEquals(new SamplingSpec.Bernoulli(0.2), SamplingSpec.parse("bernoulli:0.2"));
    assertEquals(new SamplingSpec.Budget(1000), SamplingSpec.parse("budget:1000"));
    assertEquals(new SamplingSpec.BudgetPerNodeLog(1.5), SamplingSpec.parse("budget-per-node-log:1.5"));
    assertEquals(new SamplingSpec.None(), SamplingSpec.parse("none"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SamplingSpec.parse("bernoulli:1.5"));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SamplingSpec.parse("bernoulli:0"));
    assertThrows(IllegalArgumentException.class, () -> SamplingSpec.parse("bernoulli:NaN"));
    assertThrows(IllegalArgumentException.class, () -> SamplingSpec.parse("budget:-3"));
    assertThrows(IllegalArgumentException.class, () -> SamplingSpec.parse("reservoir:10"));
    assertThrows(IllegalArgumentException.class, () -> SamplingSpec.parse("budget:ten"));
  }

  @Test
  void budgetPerNodeLogFormula() {
    SamplingSpec.BudgetPerNodeLog spec = new SamplingSpec.BudgetPerNodeLog(2.0);
    assertEquals((long) Math.ceil(2.0 * 1000 * Math.log(1000)), spec.budgetFor(1000));
    assertEquals(1, new SamplingSpec.BudgetPerNodeLog(0.001).budgetFor(1));
  }
}
