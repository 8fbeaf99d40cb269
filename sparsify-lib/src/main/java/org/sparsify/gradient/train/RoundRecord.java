package org.sparsify.gradient.train;

import java.io.Serializable;

/**
 * Accounting of one training round.
 *
 * @param round the 1-based round number
 * @param loss the objective on the examples the workers used this round (full shards or
 *     mini-batches), at the model the round started from
 * @param entriesMin the fewest entries one worker sent
 * @param entriesMean the mean entries per worker
 * @param entriesMax the most entries one worker sent
 * @param paperBits 32 bits per value sent, summed over workers
 * @param wireBytes the wire encoding of the messages, summed over workers
 * @param denseBytes what a dense aggregation moves: 8·(d+1) bytes per worker, summed
 * @param error the mean over workers of ‖a − C(a)‖², the squared norm of the new residual
 * @param cumulativePaperBits paperBits summed over rounds 1..round
 * @param testAccuracy accuracy on the test set after this round's update, NaN when not evaluated
 * @param elapsedMs milliseconds since training started, at the end of the round
 */
public record RoundRecord(
    int round,
    double loss,
    int entriesMin,
    double entriesMean,
    int entriesMax,
    long paperBits,
    long wireBytes,
    long denseBytes,
    double error,
    long cumulativePaperBits,
    double testAccuracy,
    long elapsedMs)
    implements Serializable {

  /** The CSV header matching {@link #toCsv}. */
  public static final String CSV_HEADER =
      "round,loss,entries_min,entries_mean,entries_max,paper_bits,wire_bytes,dense_bytes,error,"
          + "cumulative_paper_bits,test_accuracy,elapsed_ms";

  /** Returns the record as one CSV line; an unevaluated accuracy is an empty field. */
  public String toCsv() {
    return round + "," + loss + "," + entriesMin + "," + entriesMean + "," + entriesMax + ","
        + paperBits + "," + wireBytes + "," + denseBytes + "," + error + "," + cumulativePaperBits
        + "," + (Double.isNaN(testAccuracy) ? "" : Double.toString(testAccuracy)) + "," + elapsedMs;
  }
}
