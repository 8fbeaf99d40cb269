package org.sparsify.gradient.train;

import java.io.Serializable;
import org.sparsify.common.Checks;
import org.sparsify.gradient.compress.CompressorSpec;

/**
 * Parameters of {@link CompressedGradientTrainer}. {@link #defaults} gives the defaults stated per
 * field; the {@code with*} methods return a copy with one field changed.
 *
 * @param compressor the compressor C (default {@code none})
 * @param workers W, the number of workers and partitions (default 4)
 * @param rounds T, the number of rounds (default 100)
 * @param step γ, the step size, or 0 for 1/L with L an estimate of the loss gradient's Lipschitz
 *     constant (see {@link StepSize}) (default 1.0)
 * @param momentum β in [0, 1), the driver's heavy-ball momentum on the summed messages; 0 applies
 *     each round's sum once (default 0)
 * @param reg R, the L2 regularisation weight (default 1e-4)
 * @param batchSize examples per worker per round, 0 for the full shard (default 0)
 * @param partitioning how examples are split into shards (default {@link Partitioning#IID})
 * @param seed the seed of the shuffle, the mini-batches and {@code randomk} (default 1)
 * @param intercept whether to fit an intercept (default true)
 * @param treeDepth the depth of {@code treeAggregate}, at least 1 (default 2)
 * @param checkpointInterval rounds between residual checkpoints, 0 for never (default 10); needs
 *     a checkpoint directory on the SparkContext when positive
 * @param evalInterval rounds between test-accuracy evaluations, 0 for the last round only
 *     (default 10)
 */
public record TrainerParams(
    CompressorSpec compressor,
    int workers,
    int rounds,
    double step,
    double momentum,
    double reg,
    int batchSize,
    Partitioning partitioning,
    long seed,
    boolean intercept,
    int treeDepth,
    int checkpointInterval,
    int evalInterval)
    implements Serializable {

  /** Checks every field. */
  public TrainerParams {
    if (compressor == null || partitioning == null) {
      throw new IllegalArgumentException("compressor and partitioning must not be null");
    }
    Checks.atLeast("workers", workers, 1);
    Checks.atLeast("rounds", rounds, 1);
    if (!(step >= 0.0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("step must be a finite number >= 0 (0 for auto) but was " + step);
    }
    if (!(momentum >= 0.0 && momentum < 1.0)) {
      throw new IllegalArgumentException("momentum must be in [0, 1) but was " + momentum);
    }
    Checks.nonNegative("reg", reg);
    Checks.atLeast("batchSize", batchSize, 0);
    Checks.atLeast("treeDepth", treeDepth, 1);
    Checks.atLeast("checkpointInterval", checkpointInterval, 0);
    Checks.atLeast("evalInterval", evalInterval, 0);
  }

  /** Returns the defaults with the given compressor. */
  public static TrainerParams defaults(CompressorSpec compressor) {
    return new TrainerParams(
        compressor, 4, 100, 1.0, 0.0, 1e-4, 0, Partitioning.IID, 1L, true, 2, 10, 10);
  }

  public TrainerParams withCompressor(CompressorSpec value) {
    return new TrainerParams(value, workers, rounds, step, momentum, reg, batchSize, partitioning, seed,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withWorkers(int value) {
    return new TrainerParams(compressor, value, rounds, step, momentum, reg, batchSize, partitioning, seed,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withRounds(int value) {
    return new TrainerParams(compressor, workers, value, step, momentum, reg, batchSize, partitioning, seed,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withStep(double value) {
    return new TrainerParams(compressor, workers, rounds, value, momentum, reg, batchSize, partitioning, seed,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withMomentum(double value) {
    return new TrainerParams(compressor, workers, rounds, step, value, reg, batchSize, partitioning, seed,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  /**
   * Parses a step: a positive number, or {@code auto} (returned as 0) for 1/L estimated from the
   * data.
   */
  public static double parseStep(String text) {
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("auto")) {
      return 0.0;
    }
    double value;
    try {
      value = Double.parseDouble(trimmed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("step must be a positive number or 'auto' but was '" + text + "'", e);
    }
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("step must be a positive number or 'auto' but was '" + text + "'");
    }
    return value;
  }

  /** Returns whether the step is estimated from the data (step 0). */
  public boolean autoStep() {
    return step == 0.0;
  }

  public TrainerParams withReg(double value) {
    return new TrainerParams(compressor, workers, rounds, step, momentum, value, batchSize, partitioning, seed,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withBatchSize(int value) {
    return new TrainerParams(compressor, workers, rounds, step, momentum, reg, value, partitioning, seed,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withPartitioning(Partitioning value) {
    return new TrainerParams(compressor, workers, rounds, step, momentum, reg, batchSize, value, seed,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withSeed(long value) {
    return new TrainerParams(compressor, workers, rounds, step, momentum, reg, batchSize, partitioning, value,
        intercept, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withIntercept(boolean value) {
    return new TrainerParams(compressor, workers, rounds, step, momentum, reg, batchSize, partitioning, seed,
        value, treeDepth, checkpointInterval, evalInterval);
  }

  public TrainerParams withTreeDepth(int value) {
    return new TrainerParams(compressor, workers, rounds, step, momentum, reg, batchSize, partitioning, seed,
        intercept, value, checkpointInterval, evalInterval);
  }

  public TrainerParams withCheckpointInterval(int value) {
    return new TrainerParams(compressor, workers, rounds, step, momentum, reg, batchSize, partitioning, seed,
        intercept, treeDepth, value, evalInterval);
  }

  public TrainerParams withEvalInterval(int value) {
    return new TrainerParams(compressor, workers, rounds, step, momentum, reg, batchSize, partitioning, seed,
        intercept, treeDepth, checkpointInterval, value);
  }
}
