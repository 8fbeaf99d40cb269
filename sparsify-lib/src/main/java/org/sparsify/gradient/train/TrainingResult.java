package org.sparsify.gradient.train;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;

/**
 * The outcome of {@link CompressedGradientTrainer#train}.
 *
 * @param model weights 0..d-1 and the intercept at index d
 * @param history one record per round
 * @param finalLoss the objective on the whole training set at the final model
 * @param testAccuracy accuracy of the final model on the test set, NaN without a test set
 * @param lambda the hard threshold used (calibrated for {@code hard-threshold-auto}), NaN for the
 *     other compressors
 * @param lambdaFallback whether {@code hard-threshold-auto} fell back to 1/(2√K)
 * @param step the step γ used: the one given, or 1/L estimated when the parameters asked for 0
 * @param paperBitsPerWorker paper bits sent over all rounds, averaged over workers
 * @param wireBytesTotal wire bytes sent over all rounds by all workers
 * @param denseBytesEquivalent 8·(d+1) bytes per worker per round, summed over workers and rounds
 * @param totalError the per-round errors (mean over workers of ‖a − C(a)‖²) summed over rounds
 * @param ledgerImbalance the updates made minus what was applied and what the final residuals
 *     hold, projected on a fixed ±1 vector (see {@code ResidualLedger}); rounding only
 * @param ledgerBound the largest |ledgerImbalance| that rounding explains
 * @param residuals the final residual of each worker, one element per partition (worker order),
 *     persisted; call {@code unpersist} when done
 * @param timingsMs milliseconds per phase: {@code shard}, {@code step}, {@code calibrate}, {@code train},
 *     {@code evaluate}
 */
public record TrainingResult(
    double[] model,
    List<RoundRecord> history,
    double finalLoss,
    double testAccuracy,
    double lambda,
    boolean lambdaFallback,
    double step,
    double paperBitsPerWorker,
    long wireBytesTotal,
    long denseBytesEquivalent,
    double totalError,
    double ledgerImbalance,
    double ledgerBound,
    JavaRDD<double[]> residuals,
    Map<String, Long> timingsMs) {}
