package org.sparsify.graph.sampling;

import java.io.Serializable;
import org.sparsify.common.Checks;

/**
 * How many edges a uniform sample keeps, as given on the command line.
 *
 * <ul>
 *   <li>{@code bernoulli:P} keeps each edge independently with probability P in (0, 1].
 *   <li>{@code budget:Q} draws Q edges uniformly with replacement.
 *   <li>{@code budget-per-node-log:C} draws Q = ⌈C·n·ln n⌉ edges uniformly with replacement.
 *   <li>{@code none} keeps the graph as it is.
 * </ul>
 */
public sealed interface SamplingSpec extends Serializable {

  /** Keep each edge with probability {@code p} and weight 1/p. */
  record Bernoulli(double p) implements SamplingSpec {
    public Bernoulli {
      Checks.probability("sampling probability p", p);
    }

    @Override
    public String toString() {
      return "bernoulli:" + p;
    }
  }

  /** Draw {@code q} edges uniformly with replacement. */
  record Budget(long q) implements SamplingSpec {
    public Budget {
      Checks.atLeast("edge budget q", q, 1);
    }

    @Override
    public String toString() {
      return "budget:" + q;
    }
  }

  /** Draw ⌈c·n·ln n⌉ edges uniformly with replacement. */
  record BudgetPerNodeLog(double c) implements SamplingSpec {
    public BudgetPerNodeLog {
      Checks.positive("budget factor c", c);
    }

    /** Returns the budget ⌈c·n·ln n⌉ for a graph of n nodes, at least 1. */
    public long budgetFor(long numNodes) {
      double q = Math.ceil(c * numNodes * Math.log(Math.max(numNodes, 2)));
      return (long) Math.max(1.0, Math.min(q, (double) Long.MAX_VALUE));
    }

    @Override
    public String toString() {
      return "budget-per-node-log:" + c;
    }
  }

  /** Keep every edge with its weight. */
  record None() implements SamplingSpec {
    @Override
    public String toString() {
      return "none";
    }
  }

  /**
   * Parses {@code bernoulli:P}, {@code budget:Q}, {@code budget-per-node-log:C} or {@code none}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  static SamplingSpec parse(String text) {
    String spec = text.strip();
    if (spec.equals("none")) {
      return new None();
    }
    int colon = spec.indexOf(':');
    String mode = colon < 0 ? spec : spec.substring(0, colon);
    String value = colon < 0 ? "" : spec.substring(colon + 1);
    try {
      switch (mode) {
        case "bernoulli":
          return new Bernoulli(Double.parseDouble(value));
        case "budget":
          return new Budget(Long.parseLong(value));
        case "budget-per-node-log":
          return new BudgetPerNodeLog(Double.parseDouble(value));
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "sampling spec '" + text + "' has an invalid number '" + value + "'", e);
    }
    throw new IllegalArgumentException(
        "sampling spec must be bernoulli:P, budget:Q, budget-per-node-log:C or none but was '"
            + text
            + "'");
  }
}
