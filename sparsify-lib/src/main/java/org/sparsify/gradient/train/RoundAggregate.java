package org.sparsify.gradient.train;

import java.io.Serializable;
import java.util.Arrays;
import org.sparsify.gradient.compress.SparseMessage;

/**
 * The sum of the workers' messages in one round, with per-worker counts kept apart so that the
 * driver adds them in worker order whatever order {@code treeAggregate} merged them in.
 */
final class RoundAggregate implements Serializable {

  private static final long serialVersionUID = 1L;

  private SparseMessage sum;
  private final int[] entries;
  private final long[] wireBytes;
  private final double[] lossSums;
  private final int[] examplesUsed;
  private final double[] errors;
  private final ResidualLedger.Entry[] ledger;
  private final boolean[] reported;

  RoundAggregate(int workers, int dimension) {
    sum = SparseMessage.empty(dimension);
    entries = new int[workers];
    wireBytes = new long[workers];
    lossSums = new double[workers];
    examplesUsed = new int[workers];
    errors = new double[workers];
    ledger = new ResidualLedger.Entry[workers];
    reported = new boolean[workers];
  }

  /** Adds one worker's step; the seqOp of {@code treeAggregate}. */
  RoundAggregate add(WorkerStep step) {
    int w = step.worker();
    if (reported[w]) {
      throw new IllegalStateException("worker " + w + " reported twice in one round");
    }
    reported[w] = true;
    sum = sum.plus(step.message());
    entries[w] = step.message().entries();
    wireBytes[w] = step.message().wireBytes();
    lossSums[w] = step.lossSum();
    examplesUsed[w] = step.examplesUsed();
    errors[w] = step.error();
    ledger[w] = step.ledger();
    return this;
  }

  /** Merges another partial aggregate into this one; the combOp of {@code treeAggregate}. */
  RoundAggregate merge(RoundAggregate other) {
    for (int w = 0; w < reported.length; w++) {
      if (other.reported[w]) {
        if (reported[w]) {
          throw new IllegalStateException("worker " + w + " reported twice in one round");
        }
        reported[w] = true;
        entries[w] = other.entries[w];
        wireBytes[w] = other.wireBytes[w];
        lossSums[w] = other.lossSums[w];
        examplesUsed[w] = other.examplesUsed[w];
        errors[w] = other.errors[w];
        ledger[w] = other.ledger[w];
      }
    }
    sum = sum.plus(other.sum);
    return this;
  }

  /** Returns Σ C(a) over workers. */
  SparseMessage sum() {
    return sum;
  }

  /** Returns whether every worker reported exactly once. */
  boolean complete() {
    for (boolean r : reported) {
      if (!r) {
        return false;
      }
    }
    return true;
  }

  /** Returns each worker's ledger entry, in worker order. */
  ResidualLedger.Entry[] ledger() {
    return ledger;
  }

  int[] entries() {
    return entries;
  }

  long totalWireBytes() {
    return Arrays.stream(wireBytes).sum();
  }

  /** Returns the summed loss over the examples used, added in worker order. */
  double lossSum() {
    double total = 0.0;
    for (double v : lossSums) {
      total += v;
    }
    return total;
  }

  long examplesUsed() {
    return Arrays.stream(examplesUsed).asLongStream().sum();
  }

  /** Returns the mean over workers of ‖a − C(a)‖², added in worker order. */
  double meanError() {
    double total = 0.0;
    for (double v : errors) {
      total += v;
    }
    return total / errors.length;
  }
}
