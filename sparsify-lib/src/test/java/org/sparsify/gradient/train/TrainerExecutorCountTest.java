package org.sparsify.gradient.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparsify.gradient.compress.CompressorSpec;
import org.sparsify.gradient.io.LabeledData;
import org.sparsify.gradient.io.SyntheticClassification;

/**
 * Trains the same seeded problem under {@code local[1]} and {@code local[3]}, one session after the
 * other, because the executor thread count is fixed for the life of a SparkContext.
 */
class TrainerExecutorCountTest {

  private static final int FEATURES = 40;

  private static double[] trainWith(String master, int inputPartitions) throws IOException {
    SparkSession spark = SparkSession.builder()
        .master(master)
        .appName("TrainerExecutorCountTest")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Path checkpoints = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ckpt");
      jsc.setCheckpointDir(checkpoints.toString());
      LabeledData data = new SyntheticClassification(1500, FEATURES, 6, 3).generateData(jsc, inputPartitions);
      TrainerParams params = TrainerParams.defaults(CompressorSpec.parse("hard-threshold-auto:4"))
          .withWorkers(5)
          .withRounds(8)
          .withBatchSize(50)
          .withCheckpointInterval(3)
          .withSeed(9);
      return new CompressedGradientTrainer(params)
          .train(data.examples(), data.count(), null, FEATURES, null)
          .model();
    } finally {
      spark.stop();
    }
  }

  @Test
  void sameModelAtOneAndThreeExecutorThreads() throws IOException {
    double[] one = trainWith("local[1]", 2);
    double[] three = trainWith("local[3]", 6);

    assertEquals(FEATURES + 1, one.length);
    assertTrue(Arrays.stream(one).anyMatch(v -> v != 0.0), "training must move the model");
    assertArrayEquals(one, three);
  }
}
