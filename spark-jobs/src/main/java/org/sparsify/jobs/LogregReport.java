package org.sparsify.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsify.gradient.train.MllibBaseline;
import org.sparsify.gradient.train.RoundRecord;
import org.sparsify.gradient.train.TrainerParams;
import org.sparsify.gradient.train.TrainingResult;
import org.sparsify.jobs.io.MetricsJson;

/** The outputs of {@code logreg}: metrics keys, the history CSV and the model JSON. */
final class LogregReport {

  private LogregReport() {}

  static void report(TrainerParams params, TrainingResult result, int features, MetricsJson metrics) {
    List<RoundRecord> history = result.history();
    metrics
        .put("compressor", params.compressor().toString())
        .put("workers", params.workers())
        .put("step", result.step())
        .put("step_estimated", params.autoStep())
        .put("momentum", params.momentum())
        .put("rounds", history.size())
        .put("final_loss", result.finalLoss())
        .put("test_accuracy", result.testAccuracy())
        .put("paper_bits_per_worker", result.paperBitsPerWorker())
        .put("wire_bytes_total", result.wireBytesTotal())
        .put("dense_bytes_equivalent", result.denseBytesEquivalent())
        .put("wire_to_dense_ratio", (double) result.wireBytesTotal() / result.denseBytesEquivalent())
        .put("total_error", result.totalError())
        .put("residual_ledger", ledger(result))
        .put("entries_per_worker_round_mean",
            history.stream().mapToDouble(RoundRecord::entriesMean).average().orElse(0))
        .put("entries_per_worker_round_max",
            history.stream().mapToInt(RoundRecord::entriesMax).max().orElse(0));
    if (!Double.isNaN(result.lambda())) {
      metrics.put("lambda", result.lambda()).put("lambda_fallback", result.lambdaFallback());
    }
  }

  /** Returns the error-feedback balance check: imbalance and the bound that rounding explains. */
  private static Map<String, Object> ledger(TrainingResult result) {
    Map<String, Object> ledger = new LinkedHashMap<>();
    ledger.put("imbalance", result.ledgerImbalance());
    ledger.put("rounding_bound", result.ledgerBound());
    return ledger;
  }

  static void report(MllibBaseline.Result mllib, MetricsJson metrics) {
    Map<String, Object> baseline = new LinkedHashMap<>();
    baseline.put("test_accuracy", mllib.testAccuracy());
    baseline.put("final_loss", mllib.finalLoss());
    baseline.put("iterations", mllib.iterations());
    baseline.put("train_ms", mllib.trainMillis());
    metrics.put("baseline_mllib", baseline);
    metrics.timing("baseline_mllib", mllib.trainMillis());
  }

  static String historyCsv(List<RoundRecord> history) {
    StringBuilder csv = new StringBuilder(RoundRecord.CSV_HEADER).append('\n');
    for (RoundRecord record : history) {
      csv.append(record.toCsv()).append('\n');
    }
    return csv.toString();
  }

  /** Returns {@code {"features": d, "intercept": b, "weights": [w_0, ..., w_{d-1}]}}. */
  static String modelJson(double[] model) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("features", model.length - 1);
    json.put("intercept", model[model.length - 1]);
    json.put("weights", Arrays.copyOf(model, model.length - 1));
    try {
      return new ObjectMapper().writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the model: " + e.getMessage(), e);
    }
  }
}
