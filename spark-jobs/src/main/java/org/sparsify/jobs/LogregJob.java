package org.sparsify.jobs;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.gradient.compress.CompressorSpec;
import org.sparsify.gradient.train.CompressedGradientTrainer;
import org.sparsify.gradient.train.MllibBaseline;
import org.sparsify.gradient.train.Partitioning;
import org.sparsify.gradient.train.RoundRecord;
import org.sparsify.gradient.train.TrainerParams;
import org.sparsify.gradient.train.TrainingResult;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;

/**
 * The {@code logreg} job: logistic regression in which every worker sends a compressed update
 * with error feedback (Top-k, random-k, hard-threshold or dense), with per-round accounting of
 * the entries, bits and bytes sent. Writes {@code history.csv}, {@code model.json} and
 * {@code metrics.json}; {@code --baseline mllib} adds Spark MLlib's result on the same split.
 */
public final class LogregJob {

  private static final Logger LOG = LoggerFactory.getLogger(LogregJob.class);
  static final String NAME = "logreg";

  private LogregJob() {}

  /** Returns the declared options of the job. */
  static JobOptions options() {
    return new JobOptions(NAME, "Trains logistic regression with compressed, error-feedback gradient messages.")
        .option("train", null, "path", "training data, LIBSVM text or Parquet (label, features) on any Hadoop path; omit to generate synthetic data")
        .option("test", null, "path", "test data in the same format; without it a seeded --test-fraction of the training data is held out")
        .option("test-fraction", "0.2", "fraction", "share of the training data held out as the test set when --test is absent")
        .option("format", "auto", "auto|libsvm|parquet", "input format; auto means Parquet for paths ending in .parquet")
        .option("features", "0", "count", "feature count d; 0 takes the largest index found in the training and test data")
        .option("compressor", "hard-threshold-auto:8", "spec", "none, topk:K, topk-ratio:R, randomk:K, hard-threshold:LAMBDA (compared with |e + step*gradient|) or hard-threshold-auto:K")
        .option("workers", "8", "count", "workers W = partitions of the training data")
        .option("rounds", "100", "count", "training rounds T")
        .option("step", "2.0", "number|auto", "step size (gamma); auto takes 1/L, L the gradient's Lipschitz constant estimated on a sample")
        .option("momentum", "0", "beta", "heavy-ball momentum in [0, 1) on the driver, applied to the summed messages; 0 for none")
        .option("reg", "1e-4", "number", "L2 regularisation weight R of the penalty (R/2)*||w||^2")
        .option("batch", "0", "examples", "mini-batch size per worker and round; 0 uses the whole shard")
        .option("partitioning", "iid", "iid|label-skewed", "how examples are split into worker shards")
        .option("seed", "1", "integer", "seed of the shard shuffle, mini-batches, randomk and the test split")
        .flag("no-intercept", "fit without an intercept term")
        .option("tree-depth", "2", "levels", "depth of the treeAggregate that sums the messages")
        .option("checkpoint-interval", "10", "rounds", "rounds between residual checkpoints; 0 disables them")
        .option("eval-interval", "10", "rounds", "rounds between test-accuracy evaluations; 0 evaluates after the last round only")
        .option("baseline", "none", "none|mllib", "also train Spark MLlib's LogisticRegression on the same split")
        .option("baseline-iterations", "100", "count", "maximum L-BFGS iterations of the MLlib baseline")
        .option("gen-rows", "20000", "rows", "generator: examples of the synthetic data set")
        .option("gen-features", "200", "count", "generator: features of the synthetic data set")
        .option("gen-nnz", "10", "count", "generator: feature draws per example")
        .option("gen-seed", "1", "integer", "generator: seed of the synthetic data set")
        .option("output", null, "dir", "output directory (any Hadoop path); must not exist unless --overwrite")
        .flag("overwrite", "replace an existing output directory");
  }

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the job with the active (or a new) SparkSession and returns the exit code. */
  public static int run(String[] args) {
    return JobRunner.run(NAME, options(), args, LogregJob::execute);
  }

  private static void execute(
      SparkSession spark, JobOptions.Parsed options, OutputDirectory output, MetricsJson metrics)
      throws IOException {
    TrainerParams params = params(options);
    String baseline = options.required("baseline").toLowerCase(Locale.ROOT);
    if (!baseline.equals("none") && !baseline.equals("mllib")) {
      throw new IllegalArgumentException("--baseline must be none or mllib but was '" + baseline + "'");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String checkpoints = output.path("_checkpoints");
    jsc.setCheckpointDir(checkpoints);

    long start = System.nanoTime();
    JobRunner.describe("load");
    LogregInput.Split data = LogregInput.read(spark, options);
    metrics.timing("load", JobRunner.millisSince(start));
    LogregInput.report(data, metrics);
    LOG.info("load: {} training and {} test examples, {} features, {} positive training labels ({} ms)",
        data.train().count(), data.test().count(), data.features(), data.train().positives(),
        JobRunner.millisSince(start));

    JobRunner.describe("round 1");
    TrainingResult result =
        new CompressedGradientTrainer(params)
            .train(data.train().examples(), data.train().count(), data.test().examples(), data.features(),
                LogregJob::logRound);
    result.timingsMs().forEach(metrics::timing);
    LogregReport.report(params, result, data.features(), metrics);
    LOG.info("trained {}: test accuracy {}, final loss {}, wire bytes {} of {} dense ({}){}",
        params.compressor(), result.testAccuracy(), result.finalLoss(), result.wireBytesTotal(),
        result.denseBytesEquivalent(),
        String.format(Locale.ROOT, "%.4f", (double) result.wireBytesTotal() / result.denseBytesEquivalent()),
        Double.isNaN(result.lambda()) ? "" : ", lambda " + result.lambda());

    if (baseline.equals("mllib")) {
      MllibBaseline.Result mllib = MllibBaseline.run(spark, data.train().examples(), data.test().examples(),
          data.features(), params.reg(), params.intercept(), options.intValue("baseline-iterations"));
      LogregReport.report(mllib, metrics);
      LOG.info("baseline mllib: test accuracy {} (ours {}), final loss {}, {} iterations, {} ms",
          mllib.testAccuracy(), result.testAccuracy(), mllib.finalLoss(), mllib.iterations(), mllib.trainMillis());
    }

    start = System.nanoTime();
    output.writeText("history.csv", LogregReport.historyCsv(result.history()));
    output.writeText("model.json", LogregReport.modelJson(result.model()));
    result.residuals().unpersist(false);
    Path checkpointPath = new Path(checkpoints);
    checkpointPath.getFileSystem(jsc.hadoopConfiguration()).delete(checkpointPath, true);
    metrics.timing("write", JobRunner.millisSince(start));
  }

  private static TrainerParams params(JobOptions.Parsed options) {
    return TrainerParams.defaults(CompressorSpec.parse(options.required("compressor")))
        .withWorkers(options.intValue("workers"))
        .withRounds(options.intValue("rounds"))
        .withStep(TrainerParams.parseStep(options.required("step")))
        .withMomentum(options.doubleValue("momentum"))
        .withReg(options.doubleValue("reg"))
        .withBatchSize(options.intValue("batch"))
        .withPartitioning(Partitioning.parse(options.required("partitioning")))
        .withSeed(options.longValue("seed"))
        .withIntercept(!options.flag("no-intercept"))
        .withTreeDepth(options.intValue("tree-depth"))
        .withCheckpointInterval(options.intValue("checkpoint-interval"))
        .withEvalInterval(options.intValue("eval-interval"));
  }

  private static void logRound(RoundRecord r) {
    String accuracy = Double.isNaN(r.testAccuracy()) ? "" : String.format(Locale.ROOT, ", test accuracy %.4f", r.testAccuracy());
    LOG.info(String.format(Locale.ROOT,
        "round %d: loss %.6f, entries sent min/mean/max %d/%.1f/%d, cumulative paper bits %d, wire bytes %d, elapsed %.1f s%s",
        r.round(), r.loss(), r.entriesMin(), r.entriesMean(), r.entriesMax(), r.cumulativePaperBits(),
        r.wireBytes(), r.elapsedMs() / 1000.0, accuracy));
    JobRunner.describe("round " + (r.round() + 1));
  }
}
