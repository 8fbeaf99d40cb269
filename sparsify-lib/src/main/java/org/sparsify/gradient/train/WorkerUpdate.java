package org.sparsify.gradient.train;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.sparsify.common.SeededHash;
import org.sparsify.gradient.compress.Compressor;
import org.sparsify.gradient.compress.ExactSumGrid;
import org.sparsify.gradient.compress.SparseMessage;
import org.sparsify.gradient.io.SparseExample;

/**
 * The work of one worker in one round, Spark-free: the gradient on its shard or mini-batch, the
 * error-corrected update a = e + γ·g, the message C(a) and the new residual a − C(a).
 */
final class WorkerUpdate {

  private WorkerUpdate() {}

  /**
   * Returns the examples that {@code worker} uses in {@code round}: the whole shard, or B examples
   * drawn with replacement at positions hash(seed, round, worker, b) mod n.
   */
  static SparseExample[] batch(WorkerShard shard, TrainerParams params, int round) {
    SparseExample[] examples = shard.examples();
    int b = params.batchSize();
    if (b == 0 || b >= examples.length) {
      return examples;
    }
    SparseExample[] chosen = new SparseExample[b];
    for (int k = 0; k < b; k++) {
      long hash = SeededHash.hash(params.seed(), round, shard.worker(), k);
      chosen[k] = examples[(int) Math.floorMod(hash, (long) examples.length)];
    }
    return chosen;
  }

  /**
   * Writes the mean loss gradient over {@code examples} plus R·w into {@code gradient} and returns
   * the summed loss.
   */
  static double gradient(
      double[] model, SparseExample[] examples, TrainerParams params, double[] gradient) {
    Arrays.fill(gradient, 0.0);
    double lossSum = 0.0;
    double scale = examples.length == 0 ? 0.0 : 1.0 / examples.length;
    for (SparseExample example : examples) {
      lossSum += LogisticLoss.accumulate(model, example, params.intercept(), scale, gradient);
    }
    LogisticLoss.addRegularization(model, params.reg(), gradient);
    return lossSum;
  }

  /** Returns a = e + γ·g for the worker's examples of this round; {@code lossOut[0]} gets the loss sum. */
  static double[] update(
      WorkerShard shard, double[] residual, double[] model, TrainerParams params, int round,
      double[] lossOut) {
    SparseExample[] examples = batch(shard, params, round);
    double[] a = new double[model.length];
    lossOut[0] = gradient(model, examples, params, a);
    for (int j = 0; j < a.length; j++) {
      a[j] = residual[j] + params.step() * a[j];
    }
    return a;
  }

  /** Runs one round for one worker. */
  static WorkerStep step(
      WorkerShard shard, double[] residual, double[] model, Compressor compressor,
      TrainerParams params, int round) {
    double[] loss = new double[1];
    double[] a = update(shard, residual, model, params, round, loss);
    ResidualLedger.Entry ledger = ResidualLedger.entry(params.seed(), residual, a);
    SparseMessage message = ExactSumGrid.round(compressor.compress(a, round, shard.worker()));

    // The new residual is what was not sent, including the grid rounding of what was sent.
    double[] next = a;
    for (int k = 0; k < message.entries(); k++) {
      next[message.indexAt(k)] -= message.valueAt(k);
    }
    double error = 0.0;
    for (double v : next) {
      error += v * v;
    }
    int used = batch(shard, params, round).length;
    return new WorkerStep(shard.worker(), message, next, loss[0], used, error, ledger);
  }

  /**
   * Returns the K-th largest |a_i| of the first round's update at {@code model} with a zero
   * residual (the smallest non-zero |a_i| when fewer than K entries are non-zero, 0 when none is).
   */
  static double kthLargestMagnitude(WorkerShard shard, double[] model, TrainerParams params, int k) {
    double[] a = update(shard, new double[model.length], model, params, 1, new double[1]);
    PriorityQueue<Double> largest = new PriorityQueue<>(k + 1);
    for (double v : a) {
      if (v != 0.0) {
        largest.add(Math.abs(v));
        if (largest.size() > k) {
          largest.poll();
        }
      }
    }
    return largest.isEmpty() ? 0.0 : largest.peek();
  }
}
