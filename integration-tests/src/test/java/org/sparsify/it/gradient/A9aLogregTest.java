package org.sparsify.it.gradient;

import org.sparsify.testing.TestData;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.gradient.compress.CompressorSpec;
import org.sparsify.gradient.io.LabeledData;
import org.sparsify.gradient.io.LibsvmReader;
import org.sparsify.gradient.train.CompressedGradientTrainer;
import org.sparsify.gradient.train.Partitioning;
import org.sparsify.gradient.train.TrainerParams;
import org.sparsify.gradient.train.TrainingResult;

/**
 * Compressed-gradient logistic regression on a9a (32,561 training and 16,281 test rows, 123
 * features) with 20 workers: dense, hard-threshold and Top-k side by side.
 */
class A9aLogregTest {

  private static final int FEATURES = 123;
  private static final int WORKERS = 20;
  private static final int ROUNDS = 100;

  private static SparkSession spark;
  private static LabeledData train;
  private static LabeledData test;

  @BeforeAll
  static void readData() throws IOException {
    String trainPath = TestData.require("a9a/a9a").toString();
    String testPath = TestData.require("a9a/a9a.t").toString();
    spark = GradientSpark.start();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    train = LibsvmReader.read(jsc, trainPath, FEATURES);
    test = LibsvmReader.read(jsc, testPath, FEATURES);
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static TrainingResult train(TrainerParams params) {
    TrainingResult result = new CompressedGradientTrainer(params)
        .train(train.examples(), train.count(), test.examples(), FEATURES, null);
    System.out.println("a9a " + params.partitioning().optionValue() + " batch " + params.batchSize()
        + ": " + GradientSpark.summary(params.compressor().toString(), result));
    return result;
  }

  private static TrainerParams params(String compressor) {
    return TrainerParams.defaults(CompressorSpec.parse(compressor))
        .withWorkers(WORKERS)
        .withRounds(ROUNDS)
        .withStep(2.0)
        .withReg(1e-5)
        .withTreeDepth(1)
        .withEvalInterval(0);
  }

  @Test
  void hardThresholdMatchesDenseWithTenthOfBytes() {
    TrainingResult dense = train(params("none"));
    TrainingResult hard = train(params("hard-threshold-auto:8"));

    assertTrue(dense.testAccuracy() >= 0.84, "dense accuracy " + dense.testAccuracy());
    assertTrue(hard.testAccuracy() >= dense.testAccuracy() - 0.005,
        "hard-threshold accuracy " + hard.testAccuracy() + " vs dense " + dense.testAccuracy());
    assertTrue(hard.wireBytesTotal() <= 0.10 * dense.wireBytesTotal(),
        "hard-threshold sent " + hard.wireBytesTotal() + " bytes, dense " + dense.wireBytesTotal());
  }

  /**
   * Label-skewed shards with mini-batches of 64: Top-k gets K = the hard-threshold run's mean
   * entries per worker and round, rounded up, so its bit budget is at least as large.
   *
   * <p>NOTE: with i.i.d. shards and full-shard gradients (the setting of the test above) Top-k was
   * not worse at an equal budget: hard-threshold-auto:8 reached loss 0.32881 with 5,229 bits per
   * worker, Top-k with K = 1 the same loss with 3,200 bits and K = 2 loss 0.32834 with 6,400 bits.
   */
  @Test
  void hardThresholdLossNotWorseAtEqualBudget() {
    TrainerParams skewed = params("none").withPartitioning(Partitioning.LABEL_SKEWED).withBatchSize(64).withStep(1.0);
    TrainingResult hard = train(skewed.withCompressor(CompressorSpec.parse("hard-threshold-auto:8")));
    int k = (int) Math.ceil(hard.paperBitsPerWorker() / 32.0 / ROUNDS);
    TrainingResult topK = train(skewed.withCompressor(CompressorSpec.parse("topk:" + k)));

    assertTrue(topK.paperBitsPerWorker() >= hard.paperBitsPerWorker(),
        "Top-k must get at least the hard-threshold budget");
    assertTrue(hard.finalLoss() <= topK.finalLoss(),
        "hard-threshold loss " + hard.finalLoss() + " vs Top-k (K = " + k + ") " + topK.finalLoss());
  }
}
