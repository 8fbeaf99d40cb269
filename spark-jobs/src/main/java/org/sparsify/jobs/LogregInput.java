package org.sparsify.jobs;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparsify.gradient.io.LabeledData;
import org.sparsify.gradient.io.LibsvmReader;
import org.sparsify.gradient.io.ParquetExamples;
import org.sparsify.gradient.io.SyntheticClassification;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.MetricsJson;

/** The input wiring of {@code logreg}: files or the generator, the test split and the feature count. */
final class LogregInput {

  private LogregInput() {}

  /**
   * The training and test sets and d.
   *
   * @param features d: the option, or the larger feature bound of the two sets
   */
  record Split(LabeledData train, LabeledData test, int features, String source) {}

  static Split read(SparkSession spark, JobOptions.Parsed options) {
    int featureOption = options.intValue("features");
    if (featureOption < 0) {
      throw new IllegalArgumentException("--features must be >= 0 but was " + featureOption);
    }
    if (!options.has("train") && options.has("test")) {
      throw new IllegalArgumentException("--test needs --train; omit both to use the synthetic data set");
    }
    LabeledData all;
    int limit = featureOption;
    if (options.has("train")) {
      all = load(spark, options.required("train"), options.required("format"), limit);
    } else {
      SyntheticClassification generator = new SyntheticClassification(
          options.longValue("gen-rows"), options.intValue("gen-features"), options.intValue("gen-nnz"),
          options.longValue("gen-seed"));
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      all = generator.generateData(jsc, jsc.defaultParallelism());
      limit = limit > 0 ? limit : generator.features();
    }
    LabeledData train;
    LabeledData test;
    if (options.has("test")) {
      train = all;
      test = load(spark, options.required("test"), options.required("format"), limit);
    } else {
      List<LabeledData> parts = all.split(options.doubleValue("test-fraction"), options.longValue("seed"));
      train = parts.get(0);
      test = parts.get(1);
    }
    int features = limit > 0 ? limit : Math.max(1, Math.max(train.featureBound(), test.featureBound()));
    return new Split(train, test, features, all.source());
  }

  private static LabeledData load(SparkSession spark, String path, String format, int limit) {
    String kind = format.toLowerCase(Locale.ROOT);
    if (kind.equals("auto")) {
      kind = path.replaceAll("/+$", "").endsWith(".parquet") ? "parquet" : "libsvm";
    }
    return switch (kind) {
      case "libsvm" -> LibsvmReader.read(JavaSparkContext.fromSparkContext(spark.sparkContext()), path, limit);
      case "parquet" -> ParquetExamples.read(spark, path, limit);
      default -> throw new IllegalArgumentException("--format must be auto, libsvm or parquet but was '" + format + "'");
    };
  }

  static void report(Split data, MetricsJson metrics) {
    metrics
        .put("input", data.source())
        .put("train_examples", data.train().count())
        .put("test_examples", data.test().count())
        .put("features", data.features())
        .put("train_positives", data.train().positives());
  }
}
