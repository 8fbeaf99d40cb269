package org.sparsify.gradient.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsify.gradient.compress.ExactSumGrid;
import org.sparsify.gradient.compress.SparseMessage;
import org.sparsify.gradient.compress.TopKSparsifier;

class ResidualLedgerTest {

  private static final long SEED = 11L;
  private static final int WORKERS = 3;
  private static final int DIMENSION = 200;
  private static final int ROUNDS = 40;

  /** What goes wrong in a simulated run, if anything. */
  private enum Fault { NONE, RESIDUAL_RESET, SUM_APPLIED_TWICE }

  /**
   * Runs error feedback with Top-10 messages on random updates the way the trainer does, with the
   * given fault in round 17, and returns the ledger.
   */
  private static ResidualLedger simulate(Fault fault) {
    SplittableRandom random = new SplittableRandom(5);
    TopKSparsifier topK = new TopKSparsifier(10);
    ResidualLedger ledger = new ResidualLedger(SEED, DIMENSION);
    double[][] residuals = new double[WORKERS][DIMENSION];
    for (int round = 1; round <= ROUNDS; round++) {
      SparseMessage sum = SparseMessage.empty(DIMENSION);
      for (int w = 0; w < WORKERS; w++) {
        double[] before = fault == Fault.RESIDUAL_RESET && round == 17 && w == 1
            ? new double[DIMENSION]
            : residuals[w];
        double[] a = new double[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
          a[i] = before[i] + 0.1 * (random.nextDouble() - 0.5);
        }
        ledger.injected(ResidualLedger.entry(SEED, before, a));
        SparseMessage message = ExactSumGrid.round(topK.compress(a, round, w));
        for (int k = 0; k < message.entries(); k++) {
          a[message.indexAt(k)] -= message.valueAt(k);
        }
        residuals[w] = a;
        sum = sum.plus(message);
      }
      ledger.applied(sum);
      if (fault == Fault.SUM_APPLIED_TWICE && round == 17) {
        ledger.applied(sum);
      }
    }
    for (double[] residual : residuals) {
      ledger.remaining(ResidualLedger.residual(SEED, residual));
    }
    return ledger;
  }

  @Test
  void faithfulErrorFeedbackBalances() {
    ResidualLedger ledger = simulate(Fault.NONE);

    assertTrue(ledger.balanced(), "imbalance " + ledger.imbalance() + " vs bound " + ledger.bound());
    assertTrue(ledger.bound() < 1e-9, "the rounding bound is tight: " + ledger.bound());
  }

  @Test
  void lostResidualIsDetected() {
    ResidualLedger ledger = simulate(Fault.RESIDUAL_RESET);

    assertFalse(ledger.balanced(), "imbalance " + ledger.imbalance() + " vs bound " + ledger.bound());
    assertTrue(Math.abs(ledger.imbalance()) > 1e3 * ledger.bound());
  }

  @Test
  void sumAppliedTwiceIsDetected() {
    ResidualLedger ledger = simulate(Fault.SUM_APPLIED_TWICE);

    assertFalse(ledger.balanced(), "imbalance " + ledger.imbalance() + " vs bound " + ledger.bound());
    assertTrue(Math.abs(ledger.imbalance()) > 1e3 * ledger.bound());
  }
}
