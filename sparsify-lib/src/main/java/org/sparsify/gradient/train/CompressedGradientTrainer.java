package org.sparsify.gradient.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.common.SeededHash;
import org.sparsify.gradient.compress.Compressor;
import org.sparsify.gradient.compress.HardThresholdSparsifier;
import org.sparsify.gradient.compress.SparseMessage;
import org.sparsify.gradient.io.SparseExample;

/**
 * Data-parallel logistic regression in which every worker sends a compressed update with error
 * feedback, summed on the driver with {@code treeAggregate}.
 *
 * <p>Each of W workers is one partition. Round t: the driver broadcasts x; worker w computes its
 * gradient g (full shard or mini-batch), forms a = e + γ·g, sends C(a) and keeps e ← a − C(a); the
 * driver sums the messages and applies x ← x − (1/W)·Σ C(a), or with momentum β the heavy-ball
 * update v ← β·v + (1/W)·Σ C(a), x ← x − v. The momentum lives on the driver so that the
 * compressors, and the hard threshold's calibration, see the same a = e + γ·g as without it. Step 0
 * sets γ = 1/L, L estimated by {@link StepSize} on a seeded sample. This is error-feedback SGD (Stich,
 * Cordonnier and Jaggi, arXiv 1809.07599). With hard-threshold C it is the method of Sahu et al.,
 * "Rethinking gradient sparsification as total error minimization", NeurIPS 2021
 * (arXiv 2108.00951). λ is compared with |a_i|, the step-scaled update including the residual.
 *
 * <p>Residuals live in an RDD co-partitioned with the shards and advanced with
 * {@code zipPartitions}; they are persisted and checkpointed every {@code checkpointInterval}
 * rounds, and the broadcast models since the last checkpoint stay alive. A lost partition is
 * recomputed from the same inputs and gives the same residual. The driver applies each round's
 * sum once, whatever tasks Spark retried, so no residual is applied twice. A {@link ResidualLedger}
 * checks this on every run: if the updates made do not equal what was applied plus what the final
 * residuals hold, within rounding, training fails instead of returning a model.
 *
 * <p>Cost per round: one pass over the shards (full shard) or W·B examples (mini-batch), one
 * {@code treeAggregate} shuffle of the messages. Driver memory O(d + W) plus the merged message.
 * Determinism: the shards, mini-batches and {@code randomk} draws come from the seed and example
 * ids, and message values are rounded to {@link org.sparsify.gradient.compress.ExactSumGrid} so
 * that the sum does not depend on merge order; the same seed gives the same model at any number
 * of executors for a fixed W.
 */
public final class CompressedGradientTrainer {

  /** About this many training examples, drawn by id, feed the estimate of L for {@code step} 0. */
  public static final int STEP_SAMPLE = 20_000;

  private static final long STEP_SAMPLE_STREAM = 0x4C495053L;

  private final TrainerParams params;

  /** Creates a trainer with the given parameters. */
  public CompressedGradientTrainer(TrainerParams params) {
    this.params = params;
  }

  /**
   * Trains on {@code train} and evaluates on {@code test}.
   *
   * @param train the training examples, ids distinct; at least W of them
   * @param trainCount the number of training examples
   * @param test the test examples, or null
   * @param featureCount d; every training feature index must be below it
   * @param onRound called on the driver after every round, for progress logs
   */
  public TrainingResult train(
      JavaRDD<SparseExample> train, long trainCount, JavaRDD<SparseExample> test, int featureCount,
      Consumer<RoundRecord> onRound) {
    checkInputs(train, trainCount, featureCount);
    Map<String, Long> timings = new LinkedHashMap<>();
    long start = System.nanoTime();
    JavaRDD<WorkerShard> shards =
        Sharding.shard(train, trainCount, params.partitioning(), params.workers(), params.seed());
    shards.count();
    timings.put("shard", millisSince(start));

    long stepStart = System.nanoTime();
    TrainerParams resolved = params.autoStep()
        ? params.withStep(1.0 / estimateLipschitz(shards, trainCount, featureCount))
        : params;
    timings.put("step", millisSince(stepStart));
    return new CompressedGradientTrainer(resolved).trainResolved(shards, trainCount, test, featureCount, onRound,
        timings);
  }

  private TrainingResult trainResolved(
      JavaRDD<WorkerShard> shards, long trainCount, JavaRDD<SparseExample> test, int featureCount,
      Consumer<RoundRecord> onRound, Map<String, Long> timings) {
    long calibrateStart = System.nanoTime();
    double[] model = new double[featureCount + 1];
    double lambda = Double.NaN;
    boolean fallback = false;
    if (params.compressor().needsCalibration()) {
      lambda = calibrate(shards, model);
      fallback = lambda == 0.0;
      lambda = fallback ? HardThresholdSparsifier.fallbackLambda(params.compressor().calibrationTarget()) : lambda;
    }
    Compressor compressor = params.compressor().build(featureCount, params.seed(), lambda);
    if (compressor instanceof HardThresholdSparsifier hard) {
      lambda = hard.lambda();
    }
    timings.put("calibrate", millisSince(calibrateStart));

    RoundLoop loop = new RoundLoop(shards, compressor, model, test, onRound);
    loop.run();
    timings.put("train", loop.trainMillis);
    timings.put("evaluate", loop.evaluateMillis);

    long evaluateStart = System.nanoTime();
    double finalLoss = fullLoss(shards, model, trainCount);
    double accuracy = test == null ? Double.NaN : accuracy(test, model);
    timings.put("evaluate", timings.get("evaluate") + millisSince(evaluateStart));
    shards.unpersist(false);
    return loop.result(finalLoss, accuracy, lambda, fallback, timings);
  }

  private void checkInputs(JavaRDD<SparseExample> train, long trainCount, int featureCount) {
    if (trainCount < params.workers()) {
      throw new IllegalArgumentException(
          "training set must have at least as many examples as workers (" + params.workers()
              + ") but had " + trainCount + "; use fewer workers");
    }
    if (featureCount < 1) {
      throw new IllegalArgumentException("featureCount must be >= 1 but was " + featureCount);
    }
    if (params.checkpointInterval() > 0 && train.context().getCheckpointDir().isEmpty()) {
      throw new IllegalStateException(
          "residual checkpoints need a checkpoint directory: call SparkContext.setCheckpointDir "
              + "or set checkpointInterval to 0");
    }
  }

  /**
   * Returns {@link StepSize#lipschitz} over a seeded sample of about {@link #STEP_SAMPLE} training
   * examples, chosen by id so that the sample does not depend on the partitioning. It reads the
   * persisted shards, so the input is not computed again.
   */
  private double estimateLipschitz(JavaRDD<WorkerShard> shards, long trainCount, int featureCount) {
    double fraction = Math.min(1.0, (double) STEP_SAMPLE / trainCount);
    long seed = params.seed();
    JavaRDD<SparseExample> examples = shards.flatMap(shard -> Arrays.asList(shard.examples()).iterator());
    List<SparseExample> sample = examples
        .filter(e -> SeededHash.toUnitInterval(SeededHash.hash(seed, e.id(), STEP_SAMPLE_STREAM)) < fraction)
        .collect();
    if (sample.isEmpty()) {
      sample = examples.take(1);
    }
    return StepSize.lipschitz(sample.toArray(new SparseExample[0]), featureCount, params.intercept(), params.reg(),
        seed);
  }

  /** Returns the mean over workers of the K-th largest first-round |a_i|, 0 when all are zero. */
  private double calibrate(JavaRDD<WorkerShard> shards, double[] model) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(shards.context());
    Broadcast<double[]> modelBroadcast = jsc.broadcast(model.clone());
    TrainerParams p = params;
    int k = p.compressor().calibrationTarget();
    List<Double> values =
        shards.map(s -> WorkerUpdate.kthLargestMagnitude(s, modelBroadcast.value(), p, k)).collect();
    modelBroadcast.destroy();
    double sum = 0.0;
    int positive = 0;
    for (double v : values) {
      if (v > 0) {
        sum += v;
        positive++;
      }
    }
    return positive == 0 ? 0.0 : sum / positive;
  }

  /** Returns the objective F on the whole training set. */
  private double fullLoss(JavaRDD<WorkerShard> shards, double[] model, long trainCount) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(shards.context());
    Broadcast<double[]> modelBroadcast = jsc.broadcast(model);
    List<Double> sums =
        shards
            .map(s -> {
              double sum = 0.0;
              for (SparseExample e : s.examples()) {
                sum += LogisticLoss.loss(LogisticLoss.margin(modelBroadcast.value(), e), e.label());
              }
              return sum;
            })
            .collect();
    modelBroadcast.destroy();
    double total = 0.0;
    for (double v : sums) {
      total += v;
    }
    return total / trainCount + LogisticLoss.penalty(model, params.reg());
  }

  /** Returns the fraction of {@code test} whose label the model predicts. */
  static double accuracy(JavaRDD<SparseExample> test, double[] model) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(test.context());
    Broadcast<double[]> modelBroadcast = jsc.broadcast(model.clone());
    long total = test.count();
    long correct =
        test.filter(e -> LogisticLoss.predict(modelBroadcast.value(), e) == e.label()).count();
    modelBroadcast.destroy();
    return total == 0 ? Double.NaN : (double) correct / total;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The state of the round loop: model, residual RDDs, live broadcasts and the totals. */
  private final class RoundLoop {
    private final JavaRDD<WorkerShard> shards;
    private final Compressor compressor;
    private final double[] model;
    private final JavaRDD<SparseExample> test;
    private final Consumer<RoundRecord> onRound;
    private final JavaSparkContext jsc;
    private final List<RoundRecord> history = new ArrayList<>();
    private final List<Broadcast<double[]>> liveBroadcasts = new ArrayList<>();
    private final ResidualLedger ledger;
    private final double[] velocity;
    private JavaRDD<double[]> residuals;
    private JavaRDD<WorkerStep> previousSteps;
    private long cumulativePaperBits;
    private long wireBytesTotal;
    private long denseBytesTotal;
    private double totalError;
    private long trainMillis;
    private long evaluateMillis;

    RoundLoop(
        JavaRDD<WorkerShard> shards, Compressor compressor, double[] model,
        JavaRDD<SparseExample> test, Consumer<RoundRecord> onRound) {
      this.shards = shards;
      this.compressor = compressor;
      this.model = model;
      this.test = test;
      this.onRound = onRound;
      this.jsc = JavaSparkContext.fromSparkContext(shards.context());
      int dimension = model.length;
      this.residuals = shards.map(s -> new double[dimension]);
      this.ledger = new ResidualLedger(params.seed(), dimension);
      this.velocity = params.momentum() > 0.0 ? new double[dimension] : null;
    }

    void run() {
      long start = System.nanoTime();
      long evaluateNanos = 0;
      for (int round = 1; round <= params.rounds(); round++) {
        RoundAggregate aggregate = advance(round);
        double penalty = LogisticLoss.penalty(model, params.reg());
        for (ResidualLedger.Entry entry : aggregate.ledger()) {
          ledger.injected(entry);
        }
        ledger.applied(aggregate.sum());
        if (velocity == null) {
          aggregate.sum().addTo(model, -1.0 / params.workers());
        } else {
          for (int j = 0; j < velocity.length; j++) {
            velocity[j] *= params.momentum();
          }
          aggregate.sum().addTo(velocity, 1.0 / params.workers());
          for (int j = 0; j < velocity.length; j++) {
            model[j] -= velocity[j];
          }
        }
        long evaluateStart = System.nanoTime();
        double accuracy = evaluatesAt(round) ? accuracy(test, model) : Double.NaN;
        evaluateNanos += System.nanoTime() - evaluateStart;
        RoundRecord record = record(round, aggregate, penalty, accuracy, millisSince(start));
        history.add(record);
        if (onRound != null) {
          onRound.accept(record);
        }
      }
      // The final residuals are cached before their parent steps are released. The broadcasts
      // they were computed from stay alive, so a lost partition can still be recomputed.
      long seed = params.seed();
      residuals.map(e -> ResidualLedger.residual(seed, e)).collect().forEach(ledger::remaining);
      previousSteps.unpersist(false);
      if (!ledger.balanced()) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "error feedback lost or repeated part of an update: the updates made minus what was applied "
                + "and what the residuals hold is %.6g, beyond the rounding bound %.3g; the model is not returned",
            ledger.imbalance(), ledger.bound()));
      }
      evaluateMillis = evaluateNanos / 1_000_000;
      trainMillis = millisSince(start) - evaluateMillis;
    }

    /** Runs the workers' step of one round and returns the aggregated messages. */
    private RoundAggregate advance(int round) {
      Broadcast<double[]> modelBroadcast = jsc.broadcast(model.clone());
      liveBroadcasts.add(modelBroadcast);
      Compressor c = compressor;
      TrainerParams p = params;
      JavaRDD<WorkerStep> steps =
          shards.zipPartitions(
              residuals,
              (shardIt, residualIt) -> List.of(
                      WorkerUpdate.step(shardIt.next(), residualIt.next(), modelBroadcast.value(), c, p, round))
                  .iterator());
      steps.persist(StorageLevel.MEMORY_AND_DISK());

      RoundAggregate aggregate =
          steps.treeAggregate(
              new RoundAggregate(p.workers(), model.length),
              RoundAggregate::add,
              RoundAggregate::merge,
              p.treeDepth());
      if (!aggregate.complete()) {
        throw new IllegalStateException("round " + round + " is missing a worker's message");
      }

      JavaRDD<double[]> previousResiduals = residuals;
      residuals = steps.map(WorkerStep::residual).persist(StorageLevel.MEMORY_AND_DISK());
      if (p.checkpointInterval() > 0 && round % p.checkpointInterval() == 0) {
        residuals.checkpoint();
        residuals.count();
        destroyBroadcasts();
      }

      previousResiduals.unpersist(false);
      if (previousSteps != null) {
        previousSteps.unpersist(false);
      }
      previousSteps = steps;
      return aggregate;
    }

    private boolean evaluatesAt(int round) {
      if (test == null) {
        return false;
      }
      int interval = params.evalInterval();
      return round == params.rounds() || (interval > 0 && round % interval == 0);
    }

    private RoundRecord record(
        int round, RoundAggregate aggregate, double penalty, double accuracy, long elapsedMs) {
      int[] entries = aggregate.entries();
      int min = Integer.MAX_VALUE;
      int max = 0;
      long sent = 0;
      for (int e : entries) {
        min = Math.min(min, e);
        max = Math.max(max, e);
        sent += e;
      }
      long paperBits = SparseMessage.PAPER_BITS_PER_VALUE * sent;
      long denseBytes = (long) Double.BYTES * model.length * params.workers();
      cumulativePaperBits += paperBits;
      wireBytesTotal += aggregate.totalWireBytes();
      denseBytesTotal += denseBytes;
      totalError += aggregate.meanError();
      double loss = aggregate.lossSum() / aggregate.examplesUsed() + penalty;
      return new RoundRecord(round, loss, min, (double) sent / entries.length, max, paperBits,
          aggregate.totalWireBytes(), denseBytes, aggregate.meanError(), cumulativePaperBits,
          accuracy, elapsedMs);
    }

    private void destroyBroadcasts() {
      // After a checkpoint no recomputation reaches back to these models.
      for (Broadcast<double[]> b : liveBroadcasts) {
        b.destroy();
      }
      liveBroadcasts.clear();
    }

    TrainingResult result(
        double finalLoss, double accuracy, double lambda, boolean fallback, Map<String, Long> timings) {
      return new TrainingResult(model, List.copyOf(history), finalLoss, accuracy, lambda, fallback, params.step(),
          (double) cumulativePaperBits / params.workers(), wireBytesTotal, denseBytesTotal,
          totalError, ledger.imbalance(), ledger.bound(), residuals, Collections.unmodifiableMap(new LinkedHashMap<>(timings)));
    }
  }
}
