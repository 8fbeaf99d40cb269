package org.sparsify.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;
import org.sparsify.jobs.report.HistoryCsv;
import org.sparsify.jobs.report.HtmlReport;
import org.sparsify.jobs.report.ReportFiles;
import org.sparsify.jobs.report.TrainingPlots;

/**
 * The {@code logreg-report} job: reads the {@code history.csv} of several {@code logreg} runs (for
 * example one per compressor) and writes {@code report/report.html} with PNG plots of training
 * loss against cumulative bits and against rounds, one line per run, and the total error per round.
 * Each line is named after the run's {@code compressor} parameter in its {@code metrics.json},
 * or after its directory when that is missing.
 */
public final class LogregReportJob {

  private static final Logger LOG = LoggerFactory.getLogger(LogregReportJob.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NAME = "logreg-report";

  private LogregReportJob() {}

  /** Returns the declared options of the job. */
  static JobOptions options() {
    return new JobOptions(NAME, "Plots the training curves of several logreg runs in one HTML report.")
        .option("runs", null, "dirs", "comma-separated output directories of logreg runs, each with history.csv")
        .option("title", "logreg", "text", "data set name shown in the plot titles")
        .option("output", null, "dir", "output directory (any Hadoop path); must not exist unless --overwrite")
        .flag("overwrite", "replace an existing output directory");
  }

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the job with the active (or a new) SparkSession and returns the exit code. */
  public static int run(String[] args) {
    return JobRunner.run(NAME, options(), args, LogregReportJob::execute);
  }

  private static void execute(SparkSession spark, JobOptions.Parsed options, OutputDirectory output,
      MetricsJson metrics) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<TrainingPlots.Run> runs = new ArrayList<>();
    for (String dir : options.required("runs").split(",")) {
      Path run = new Path(dir.strip());
      FileSystem fs = run.getFileSystem(conf);
      Path history = new Path(run, "history.csv");
      if (!fs.exists(history)) {
        throw new IllegalArgumentException("run directory " + run + " has no history.csv; pass output directories of the logreg job");
      }
      runs.add(new TrainingPlots.Run(runName(fs, run), HistoryCsv.parse(read(fs, history), history.toString())));
      LOG.info("logreg-report: read {} rounds from {}", runs.get(runs.size() - 1).history().size(), history);
    }
    String title = options.required("title");
    HtmlReport report = new HtmlReport("Compressed-gradient training: " + title);
    report.paragraph("Runs: " + options.required("runs"));
    TrainingPlots.addTo(report, "logreg", title, runs);
    ReportFiles.write(conf, output.path("report"), "report.html", report);
    metrics.put("runs", runs.size());
  }

  private static String runName(FileSystem fs, Path run) throws IOException {
    Path metrics = new Path(run, "metrics.json");
    if (fs.exists(metrics)) {
      JsonNode compressor = JSON.readTree(read(fs, metrics)).path("parameters").path("compressor");
      if (compressor.isTextual()) {
        return compressor.asText();
      }
    }
    return run.getName();
  }

  private static String read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
