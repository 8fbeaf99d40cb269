package org.sparsify.jobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.gradient.compress.CompressorSpec;
import org.sparsify.gradient.io.LabeledData;
import org.sparsify.gradient.io.SparseExample;
import org.sparsify.gradient.train.CompressedGradientTrainer;
import org.sparsify.gradient.train.RoundRecord;
import org.sparsify.gradient.train.TrainerParams;
import org.sparsify.gradient.train.TrainingResult;
import org.sparsify.jobs.report.TrainingPlots;

/**
 * The gradient side of the {@code bench} job. On one data set it trains MLlib's
 * LogisticRegression with L-BFGS and our compressed-gradient trainer with each compressor, on the
 * same objective: mean logistic loss plus (R/2)·‖w‖², intercept not regularised, no
 * standardisation. It compares bytes and wall time per round, bits to a relative
 * sub-optimality, and time to MLlib's test accuracy.
 *
 * <p>NOTE: an L-BFGS iteration may evaluate the loss more than once in its line search, so
 * MLlib's time and bytes per iteration can cover several passes over the data.
 *
 * <p>The optimum F* used for sub-optimality is the lowest objective any run reached (normally
 * MLlib's), so (F − F*)/F* is an estimate, exact only when one run converged.
 */
final class GradientBench {

  private static final Logger LOG = LoggerFactory.getLogger(GradientBench.class);
  private static final String SECTION = "gradient";

  /**
   * A data set: training and optional test examples, the feature count d, and its own number of
   * rounds (0 for the shared setting), which also caps MLlib's iterations.
   */
  record GradientCase(String name, LabeledData train, LabeledData test, int features, int rounds) {}

  /**
   * Settings shared by every data set. {@code step} 0 means auto and {@code k} 0 means
   * max(4, ceil(d/100)). Every compressor runs once per momentum value.
   */
  record Settings(int rounds, int workers, double step, List<Double> momenta, double reg, int k, int mllibIterations,
      List<Double> subOptimality) {}

  private final SparkSession spark;
  private final Settings settings;
  private final BenchRows rows;
  private final TrafficMeter meter;

  GradientBench(SparkSession spark, Settings settings, BenchRows rows, TrafficMeter meter) {
    this.spark = spark;
    this.settings = settings;
    this.rows = rows;
    this.meter = meter;
  }

  /** Runs every measurement on one data set, adds its rows and returns the histories. */
  List<TrainingPlots.Run> run(GradientCase data) {
    int d = data.features();
    int k = settings.k() > 0 ? settings.k() : Math.max(4, (d + 99) / 100);
    LOG.info("bench: gradient data {} ({} examples, d = {}, K = {})", data.name(), data.train().count(), d, k);
    int rounds = data.rounds() > 0 ? data.rounds() : settings.rounds();
    MllibOutcome mllib = runMllib(data, data.rounds() > 0 ? Math.min(data.rounds(), settings.mllibIterations())
        : settings.mllibIterations());

    List<TrainingPlots.Run> runs = new ArrayList<>();
    Map<String, TrainingResult> results = new LinkedHashMap<>();
    for (double momentum : settings.momenta()) {
      for (String spec : List.of("none", "topk:" + k, "hard-threshold-auto:" + k)) {
        String label = label(spec, momentum);
        TrainingResult result = runOurs(data, CompressorSpec.parse(spec), momentum, rounds, label, mllib);
        results.put(label, result);
        runs.add(new TrainingPlots.Run(label, result.history()));
      }
    }
    double optimum = mllib.finalObjective;
    for (TrainingResult result : results.values()) {
      optimum = Math.min(optimum, result.finalLoss());
      for (RoundRecord record : result.history()) {
        optimum = Math.min(optimum, record.loss());
      }
    }
    for (double momentum : settings.momenta()) {
      reportBitsToTarget(data.name(), label("topk:" + k, momentum), results.get(label("topk:" + k, momentum)),
          label("hard-threshold-auto:" + k, momentum), results.get(label("hard-threshold-auto:" + k, momentum)),
          optimum);
    }
    return runs;
  }

  /** Names one run: the compressor, and the momentum when there is one. */
  private static String label(String spec, double momentum) {
    return momentum == 0.0 ? spec : spec + " momentum " + momentum;
  }

  // ---------------------------------------------------------------- MLlib

  private record MllibOutcome(double finalObjective, double testAccuracy, double millis, int iterations,
      double payloadBytes) {}

  private MllibOutcome runMllib(GradientCase data, int maxIterations) {
    String tool = "MLlib LogisticRegression";
    Dataset<Row> train = toDataFrame(data.train().examples(), data.features()).cache();
    train.count();

    LogisticRegression lr = new LogisticRegression().setMaxIter(maxIterations).setRegParam(settings.reg())
        .setElasticNetParam(0.0).setStandardization(false).setFitIntercept(true).setTol(1e-12);
    TrafficMeter.Traffic before = meter.snapshot();
    long start = System.nanoTime();
    LogisticRegressionModel model = lr.fit(train);
    double millis = GraphBench.millisSince(start);
    TrafficMeter.Traffic traffic = meter.snapshot().minus(before);

    int iterations = Math.max(1, model.summary().totalIterations());
    double[] history = model.summary().objectiveHistory();
    double finalObjective = history[history.length - 1];
    double accuracy = Double.NaN;
    if (data.test() != null) {
      Dataset<Row> test = toDataFrame(data.test().examples(), data.features());
      Dataset<Row> predicted = model.transform(test);
      accuracy = predicted.filter(functions.col("prediction").equalTo(functions.col("label"))).count()
          / (double) data.test().count();
    }

    String name = data.name();
    rows.add(SECTION, name, "fit time", tool, millis, "ms", iterations + " L-BFGS iterations");
    rows.add(SECTION, name, "wall time per round", tool, millis / iterations, "ms", "fit time / iterations");
    rows.add(SECTION, name, "bytes per round (task results + shuffle, measured)", tool,
        traffic.totalBytes() / (double) iterations, "bytes", "includes the feature summary pass");
    long payload = (long) Double.BYTES * (data.features() + 1) * train.javaRDD().getNumPartitions();
    rows.add(SECTION, name, "bytes per round (gradient payload)", tool, (double) payload, "bytes",
        "computed: one dense gradient of 8*(d+1) bytes per partition, " + train.javaRDD().getNumPartitions()
            + " partitions");
    rows.add(SECTION, name, "final objective", tool, finalObjective, "F", null);
    rows.add(SECTION, name, "test accuracy", tool, data.test() == null ? null : accuracy, "fraction",
        data.test() == null ? "no test set" : null);
    train.unpersist();
    return new MllibOutcome(finalObjective, accuracy, millis, iterations, payload);
  }

  private Dataset<Row> toDataFrame(JavaRDD<SparseExample> examples, int features) {
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    JavaRDD<Row> rowsRdd = examples.map(e -> RowFactory.create(
        e.label() > 0 ? 1.0 : 0.0, Vectors.sparse(features, keep(e.indices(), features), keepValues(e, features))));
    return spark.createDataFrame(rowsRdd, schema);
  }

  /** Returns the indices below {@code features}; a test set may have indices the model does not know. */
  private static int[] keep(int[] indices, int features) {
    return java.util.Arrays.stream(indices).filter(i -> i < features).toArray();
  }

  private static double[] keepValues(SparseExample e, int features) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < e.indices().length; i++) {
      if (e.indices()[i] < features) {
        values.add(e.values()[i]);
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  // ---------------------------------------------------------------- ours

  private TrainingResult runOurs(GradientCase data, CompressorSpec spec, double momentum, int rounds, String label,
      MllibOutcome mllib) {
    String tool = "sparsify " + label;
    TrainerParams params = TrainerParams.defaults(spec).withRounds(rounds).withWorkers(settings.workers())
        .withStep(settings.step()).withMomentum(momentum).withReg(settings.reg()).withEvalInterval(5);
    TrafficMeter.Traffic before = meter.snapshot();
    TrainingResult result = new CompressedGradientTrainer(params).train(data.train().examples(), data.train().count(),
        data.test() == null ? null : data.test().examples(), data.features(),
        r -> LOG.debug("{} round {}: loss {}", spec, r.round(), r.loss()));
    TrafficMeter.Traffic traffic = meter.snapshot().minus(before);

    long trainMs = result.timingsMs().getOrDefault("train", 0L);
    String name = data.name();
    rows.add(SECTION, name, "wall time per round", tool, trainMs / (double) rounds, "ms",
        rounds + " rounds, " + settings.workers() + " workers");
    rows.add(SECTION, name, "step", tool, result.step(), "gamma", params.autoStep() ? "1/L, L estimated on a sample in "
        + result.timingsMs().getOrDefault("step", 0L) + " ms" : "given");
    rows.add(SECTION, name, "bytes per round (wire encoding)", tool, result.wireBytesTotal() / (double) rounds,
        "bytes", "dense equivalent " + result.denseBytesEquivalent() / rounds + " bytes");
    rows.add(SECTION, name, "bytes per round (task results + shuffle, measured)", tool,
        traffic.totalBytes() / (double) rounds, "bytes",
        "includes evaluation and calibration passes and per-task metadata");
    rows.ratio(SECTION, name, "bytes per round: wire / MLlib gradient payload", tool + " / MLlib",
        result.wireBytesTotal() / (double) rounds, mllib.payloadBytes());
    rows.ratio(SECTION, name, "wall time per round: ours / MLlib", tool + " / MLlib", trainMs / (double) rounds,
        mllib.millis() / mllib.iterations());
    rows.add(SECTION, name, "final objective", tool, result.finalLoss(), "F", null);
    rows.add(SECTION, name, "test accuracy", tool, data.test() == null ? null : result.testAccuracy(), "fraction",
        data.test() == null ? "no test set" : null);
    rows.add(SECTION, name, "total error (sum over rounds)", tool, result.totalError(), "squared norm", null);
    if (data.test() != null && Double.isFinite(mllib.testAccuracy())) {
      Long reached = null;
      for (RoundRecord record : result.history()) {
        if (Double.isFinite(record.testAccuracy()) && record.testAccuracy() >= mllib.testAccuracy()) {
          reached = record.elapsedMs();
          break;
        }
      }
      rows.add(SECTION, name, "time to MLlib's test accuracy", tool, reached == null ? null : reached.doubleValue(),
          "ms", reached == null ? "not reached in " + rounds + " rounds (accuracy checked every 5 rounds)" : null);
    }
    result.residuals().unpersist(false);
    return result;
  }

  /** Adds the bits each sparsifier needed to reach each sub-optimality target, and their ratio. */
  private void reportBitsToTarget(String name, String topkLabel, TrainingResult topk, String hardLabel,
      TrainingResult hard, double optimum) {
    for (double target : settings.subOptimality()) {
      Double topkBits = bitsTo(topk, optimum, target);
      Double hardBits = bitsTo(hard, optimum, target);
      String measure = "bits per worker to relative sub-optimality " + target;
      rows.add(SECTION, name, measure, "sparsify " + topkLabel, topkBits, "bits", notReached(topkBits, topk, optimum));
      rows.add(SECTION, name, measure, "sparsify " + hardLabel, hardBits, "bits", notReached(hardBits, hard, optimum));
      rows.ratio(SECTION, name, "hard-threshold / topk " + measure, "sparsify " + hardLabel + " / " + topkLabel,
          hardBits, topkBits);
    }
  }

  /** Returns the cumulative paper bits per worker at the first round within {@code target}, or null. */
  private Double bitsTo(TrainingResult result, double optimum, double target) {
    for (RoundRecord record : result.history()) {
      if ((record.loss() - optimum) / optimum <= target) {
        return record.cumulativePaperBits() / (double) settings.workers();
      }
    }
    return null;
  }

  private static String notReached(Double bits, TrainingResult result, double optimum) {
    if (bits != null) {
      return null;
    }
    List<RoundRecord> history = result.history();
    double last = history.get(history.size() - 1).loss();
    return String.format(java.util.Locale.ROOT, "not reached; last relative sub-optimality %.3g", (last - optimum) / optimum);
  }

  /** Loads a LIBSVM training file and an optional test file with one feature count. */
  static GradientCase libsvm(SparkSession spark, String name, String trainPath, String testPath) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LabeledData train = org.sparsify.gradient.io.LibsvmReader.read(sc, trainPath, 0);
    LabeledData test = testPath == null ? null : org.sparsify.gradient.io.LibsvmReader.read(sc, testPath, 0);
    int features = Math.max(train.featureBound(), test == null ? 0 : test.featureBound());
    return new GradientCase(name, train, test, features, 0);
  }
}
