package org.sparsify.it.gradient;

import org.sparsify.testing.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.gradient.compress.CompressorSpec;
import org.sparsify.gradient.io.LabeledData;
import org.sparsify.gradient.io.LibsvmReader;
import org.sparsify.gradient.train.CompressedGradientTrainer;
import org.sparsify.gradient.train.MllibBaseline;
import org.sparsify.gradient.train.RoundRecord;
import org.sparsify.gradient.train.TrainerParams;
import org.sparsify.gradient.train.TrainingResult;

/**
 * Top-k with K = 0.1 % of d on the 1,000-row rcv1 subset (47,236 features, 0.17 % non-zero),
 * compared with Spark MLlib on the same seeded 70/30 split and the same objective.
 */
class Rcv1LogregTest {

  private static final int FEATURES = 47_236;
  private static final double REG = 1e-3;

  private static SparkSession spark;
  private static LabeledData train;
  private static LabeledData test;

  @BeforeAll
  static void readData() throws IOException {
    String path = TestData.require("rcv1-small/rcv1_small.libsvm").toString();
    spark = GradientSpark.start();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<LabeledData> parts = LibsvmReader.read(jsc, path, FEATURES).split(0.3, 1);
    train = parts.get(0);
    test = parts.get(1);
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void topKSendsUnderHalfPercentAndMatchesMllib() {
    TrainerParams params = TrainerParams.defaults(CompressorSpec.parse("topk-ratio:0.001"))
        .withWorkers(8)
        .withRounds(250)
        .withStep(8.0)
        .withReg(REG)
        .withTreeDepth(1)
        .withEvalInterval(0);
    TrainingResult topK = new CompressedGradientTrainer(params)
        .train(train.examples(), train.count(), test.examples(), FEATURES, null);
    MllibBaseline.Result mllib =
        MllibBaseline.run(spark, train.examples(), test.examples(), FEATURES, REG, true, 200);
    System.out.println("rcv1: " + GradientSpark.summary("topk-ratio:0.001", topK));
    System.out.println("rcv1: mllib test accuracy " + mllib.testAccuracy() + ", final loss "
        + mllib.finalLoss() + ", " + mllib.iterations() + " iterations");

    assertEquals(48, topK.history().get(0).entriesMax(), "K = ceil(0.001 * 47236)");
    for (RoundRecord round : topK.history()) {
      assertTrue(round.wireBytes() <= 0.005 * round.denseBytes(),
          "round " + round.round() + " sent " + round.wireBytes() + " of " + round.denseBytes() + " bytes");
    }
    assertTrue(Math.abs(topK.testAccuracy() - mllib.testAccuracy()) <= 0.01,
        "Top-k accuracy " + topK.testAccuracy() + " vs MLlib " + mllib.testAccuracy());
  }
}
