package org.sparsify.gradient.train;

import java.io.Serializable;
import org.sparsify.common.ExactSums;
import org.sparsify.common.SeededHash;
import org.sparsify.gradient.compress.SparseMessage;

/**
 * A conservation check of error feedback: every part of every update is either applied to the model
 * exactly once or still held in a residual.
 *
 * <p>Worker w in round t receives e_(t−1), forms a_t and keeps e_t = a_t − C(a_t), and the driver
 * applies Σ_w C(a_t). Summed over rounds and workers, the fresh updates a_t − e_(t−1) equal what
 * was applied plus the final residuals. A residual lost on the way (a worker restarting from a
 * zero or stale residual) or a message applied twice breaks that balance by the size of the lost or
 * repeated part. The check follows one scalar instead of d numbers: every vector is projected on a
 * fixed ±1 vector r derived from the seed, so it costs O(d) per worker and round.
 *
 * <p>Floating-point rounding in the projections and in a − C(a) makes the balance hold only up to a
 * bound; {@link #bound} is the standard forward error bound of the dot products, d·2⁻⁵² times the
 * summed magnitudes, doubled. The driver-side totals are kept exactly ({@link ExactSums}), so the
 * check does not depend on the order of rounds or workers.
 */
final class ResidualLedger implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Salt that keeps the projection signs apart from the seed's other uses. */
  private static final long SALT = 0x1ED6E5L;

  private static final int INJECTED = 0;
  private static final int APPLIED = 1;
  private static final int RESIDUAL = 2;
  private static final int MAGNITUDE = 3;

  private final long seed;
  private final int dimension;
  private final ExactSums totals = new ExactSums(4);

  /** Projections of one worker's step: r·(a − e_(t−1)) and Σ|a_i| + |e_(t−1),i|. */
  record Entry(double injected, double magnitude) implements Serializable {}

  ResidualLedger(long seed, int dimension) {
    this.seed = seed;
    this.dimension = dimension;
  }

  /** Returns r_i, +1 or −1. */
  static double sign(long seed, int index) {
    return (SeededHash.hash(seed, SALT, index) & 1L) == 0 ? 1.0 : -1.0;
  }

  /** Worker side: the entry of a step that turned residual {@code before} into update {@code a}. */
  static Entry entry(long seed, double[] before, double[] a) {
    double injected = 0.0;
    double magnitude = 0.0;
    for (int i = 0; i < a.length; i++) {
      injected += sign(seed, i) * (a[i] - before[i]);
      magnitude += Math.abs(a[i]) + Math.abs(before[i]);
    }
    return new Entry(injected, magnitude);
  }

  /** Worker side: the entry of a final residual, r·e and Σ|e_i|. */
  static Entry residual(long seed, double[] residual) {
    double projected = 0.0;
    double magnitude = 0.0;
    for (int i = 0; i < residual.length; i++) {
      projected += sign(seed, i) * residual[i];
      magnitude += Math.abs(residual[i]);
    }
    return new Entry(projected, magnitude);
  }

  /** Driver side: records one worker's step. */
  void injected(Entry entry) {
    totals.add(INJECTED, entry.injected());
    totals.add(MAGNITUDE, entry.magnitude());
  }

  /** Driver side: records a summed message as it is applied to the model. */
  void applied(SparseMessage sum) {
    double projected = 0.0;
    double magnitude = 0.0;
    for (int k = 0; k < sum.entries(); k++) {
      projected += sign(seed, sum.indexAt(k)) * sum.valueAt(k);
      magnitude += Math.abs(sum.valueAt(k));
    }
    totals.add(APPLIED, projected);
    totals.add(MAGNITUDE, magnitude);
  }

  /** Driver side: records one worker's final residual. */
  void remaining(Entry entry) {
    totals.add(RESIDUAL, entry.injected());
    totals.add(MAGNITUDE, entry.magnitude());
  }

  /** Returns Σ injected − Σ applied − Σ final residuals, which rounding alone keeps within {@link #bound}. */
  double imbalance() {
    ExactSums balance = new ExactSums(1);
    balance.add(0, totals.total(INJECTED));
    balance.add(0, -totals.total(APPLIED));
    balance.add(0, -totals.total(RESIDUAL));
    return balance.total(0);
  }

  /** Returns the largest imbalance that rounding can explain. */
  double bound() {
    return 2.0 * (dimension + 2.0) * 0x1.0p-52 * totals.total(MAGNITUDE);
  }

  /** Returns whether the ledger balances within {@link #bound}. */
  boolean balanced() {
    return Math.abs(imbalance()) <= bound();
  }
}
