package org.sparsify.graph.sampling;

import java.util.SplittableRandom;
import org.sparsify.common.SeededHash;

/**
 * The per-edge sampling decision, shared by the Spark sampler and its tests.
 *
 * <p>Each decision is a function of the seed and the edge's endpoints only, so it does not depend
 * on partitioning, task order or retries.
 */
public final class EdgeSampling {

  /** Above this mean, Poisson draws use the normal approximation instead of inversion. */
  private static final double POISSON_INVERSION_LIMIT = 500.0;

  private EdgeSampling() {}

  /**
   * Returns the weight of edge {u, v} in a Bernoulli sample: {@code weight / p} if the edge is
   * kept, otherwise 0.
   */
  public static double bernoulliWeight(long seed, long u, long v, double weight, double p) {
    double draw = SeededHash.toUnitInterval(SeededHash.hash(seed, u, v));
    return draw < p ? weight / p : 0.0;
  }

  /**
   * Returns the weight of edge {u, v} in a budget sample of mean {@code rate} draws per edge:
   * {@code weight · k / rate}, where k is the edge's Poisson(rate) multiplicity.
   *
   * <p>Drawing q edges uniformly with replacement gives multiplicities that are Binomial(q, 1/m)
   * and jointly multinomial. Independent Poisson(q/m) multiplicities have the same means and
   * nearly the same variances while letting each edge decide alone; the number of draws is then
   * Poisson(q) rather than exactly q. The weight is unbiased: its expectation is {@code weight}.
   */
  public static double budgetWeight(long seed, long u, long v, double weight, double rate) {
    int multiplicity = poisson(new SplittableRandom(SeededHash.hash(seed, u, v)), rate);
    return multiplicity == 0 ? 0.0 : weight * multiplicity / rate;
  }

  /** Draws a Poisson(mean) count, exactly by inversion for moderate means. */
  static int poisson(SplittableRandom random, double mean) {
    if (mean > POISSON_INVERSION_LIMIT) {
      double gaussian = gaussian(random);
      return (int) Math.max(0L, Math.round(mean + Math.sqrt(mean) * gaussian));
    }
    double u = random.nextDouble();
    double probability = Math.exp(-mean);
    double cumulative = probability;
    int k = 0;
    while (u > cumulative && probability > 0.0) {
      k++;
      probability *= mean / k;
      cumulative += probability;
    }
    return k;
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
