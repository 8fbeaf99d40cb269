package org.sparsify.it.gradient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparsify.gradient.train.TrainingResult;

/** The local Spark session of a real-data test class, with a checkpoint directory for residuals. */
final class GradientSpark {

  private GradientSpark() {}

  /** Starts {@code local[2]} without UI, bound to 127.0.0.1. Stop it in {@code @AfterAll}. */
  static SparkSession start() throws IOException {
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("sparsify-gradient-it")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    Path checkpoints = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "residuals");
    JavaSparkContext.fromSparkContext(spark.sparkContext()).setCheckpointDir(checkpoints.toString());
    return spark;
  }

  /** Returns one summary line of a training result for the test output. */
  static String summary(String label, TrainingResult r) {
    return String.format(Locale.ROOT,
        "%-28s test accuracy %.4f, final loss %.5f, entries/worker/round %.2f, paper bits/worker %.0f, "
            + "wire bytes %d = %.2f%% of dense %d",
        label, r.testAccuracy(), r.finalLoss(),
        r.history().stream().mapToDouble(h -> h.entriesMean()).average().orElse(0),
        r.paperBitsPerWorker(), r.wireBytesTotal(), 100.0 * r.wireBytesTotal() / r.denseBytesEquivalent(),
        r.denseBytesEquivalent());
  }
}
