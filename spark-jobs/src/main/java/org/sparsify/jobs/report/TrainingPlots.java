package org.sparsify.jobs.report;

import java.io.IOException;
import java.util.List;
import org.sparsify.gradient.train.RoundRecord;

/**
 * The plots of compressed-gradient training runs, one line per compressor: training loss against
 * cumulative bits sent and against rounds, and the total error ‖a − C(a)‖² per round.
 */
public final class TrainingPlots {

  private TrainingPlots() {}

  /** The round history of one run, named after its compressor. */
  public record Run(String compressor, List<RoundRecord> history) {}

  /** Adds the three plots of {@code runs} to {@code report}, with file names starting with {@code prefix}. */
  public static void addTo(HtmlReport report, String prefix, String dataset, List<Run> runs) throws IOException {
    LineChart byBits = new LineChart("Training loss vs cumulative bits (" + dataset + ")",
        "cumulative bits sent, all workers (32 per value)", "training loss").logX();
    LineChart byRound = new LineChart("Training loss vs round (" + dataset + ")", "round", "training loss");
    LineChart error = new LineChart("Total error per round (" + dataset + ")", "round",
        "mean over workers of ||a - C(a)||^2").logY();
    for (Run run : runs) {
      int n = run.history().size();
      double[] rounds = new double[n];
      double[] bits = new double[n];
      double[] loss = new double[n];
      double[] errors = new double[n];
      for (int i = 0; i < n; i++) {
        RoundRecord record = run.history().get(i);
        rounds[i] = record.round();
        bits[i] = record.cumulativePaperBits();
        loss[i] = record.loss();
        errors[i] = record.error();
      }
      byBits.add(run.compressor(), bits, loss);
      byRound.add(run.compressor(), rounds, loss);
      // An uncompressed run has no compression error; an empty line keeps each compressor's colour.
      boolean compressed = !run.compressor().equals("none");
      error.add(run.compressor(), compressed ? rounds : new double[0], compressed ? errors : new double[0]);
    }
    report.figure(prefix + "-loss-vs-bits.png", byBits.withoutMarkers().toPng(900, 500),
        "Training loss against cumulative bits sent, one line per compressor");
    report.figure(prefix + "-loss-vs-rounds.png", byRound.withoutMarkers().toPng(900, 500),
        "Training loss against rounds, one line per compressor");
    report.figure(prefix + "-error-per-round.png", error.withoutMarkers().toPng(900, 500),
        "Total error per round (compression error, squared norm); uncompressed runs have none");
  }
}
