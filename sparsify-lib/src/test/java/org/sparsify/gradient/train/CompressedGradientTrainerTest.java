package org.sparsify.gradient.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.gradient.compress.CompressorSpec;
import org.sparsify.gradient.io.SparseExample;
import org.sparsify.gradient.io.SyntheticClassification;
import org.sparsify.testing.LocalSpark;

class CompressedGradientTrainerTest {

  private static final int FEATURES = 60;
  /** A column that no example uses. */
  private static final int EMPTY_COLUMN = 17;

  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static JavaRDD<SparseExample> train;
  private static JavaRDD<SparseExample> test;
  private static double plantedAccuracy;
  private static TrainingResult dense;

  @BeforeAll
  static void startSpark() throws Exception {
    spark = LocalSpark.start();
    jsc = LocalSpark.context(spark);
    Path checkpoints = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ckpt");
    jsc.setCheckpointDir(checkpoints.toString());

    SyntheticClassification generator = new SyntheticClassification(6000, FEATURES, 8, 11);
    JavaRDD<SparseExample> all = generator.generate(jsc, 3).map(e -> withoutColumn(e, EMPTY_COLUMN));
    train = all.filter(e -> e.id() < 4000).cache();
    test = all.filter(e -> e.id() >= 4000).cache();
    double[] planted = new double[FEATURES + 1];
    for (int j = 0; j < FEATURES; j++) {
      planted[j] = j == EMPTY_COLUMN ? 0 : generator.plantedWeight(j);
    }
    plantedAccuracy = CompressedGradientTrainer.accuracy(test, planted);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static SparseExample withoutColumn(SparseExample e, int column) {
    List<Integer> keep = new ArrayList<>();
    for (int k = 0; k < e.indices().length; k++) {
      if (e.indices()[k] != column) {
        keep.add(k);
      }
    }
    int[] indices = keep.stream().mapToInt(k -> e.indices()[k]).toArray();
    double[] values = keep.stream().mapToDouble(k -> e.values()[k]).toArray();
    return new SparseExample(e.id(), e.label(), indices, values);
  }

  private static TrainerParams params(String compressor) {
    return TrainerParams.defaults(CompressorSpec.parse(compressor))
        .withWorkers(6)
        .withRounds(20)
        .withStep(3.0)
        .withReg(1e-3)
        .withCheckpointInterval(7)
        .withSeed(5);
  }

  /** Returns the dense run, trained once and shared by the tests that compare with it. */
  private static synchronized TrainingResult dense() {
    if (dense == null) {
      dense = run(params("none"), train);
    }
    return dense;
  }

  private static TrainingResult run(TrainerParams params, JavaRDD<SparseExample> data) {
    return new CompressedGradientTrainer(params).train(data, 4000, test, FEATURES, null);
  }

  @Test
  void denseTrainingApproachesPlantedAccuracy() {
    TrainingResult result = dense();

    assertTrue(result.testAccuracy() >= plantedAccuracy - 0.03,
        "accuracy " + result.testAccuracy() + " vs planted " + plantedAccuracy);
    assertTrue(result.history().get(19).loss() < result.history().get(0).loss());
    assertEquals(20 * 6 * 8L * (FEATURES + 1), result.denseBytesEquivalent());
    assertTrue(result.totalError() < 1e-18, "dense residuals hold only grid rounding");
  }

  @Test
  void thresholdAboveAllSendsNothing() {
    TrainingResult result = run(params("hard-threshold:1e6").withRounds(12), train);

    assertEquals(12, result.history().size());
    for (RoundRecord record : result.history()) {
      assertEquals(0, record.entriesMax(), "round " + record.round());
      assertEquals(0, record.paperBits());
    }
    for (int t = 1; t < 12; t++) {
      assertTrue(result.history().get(t).error() > result.history().get(t - 1).error(),
          "residual must grow in round " + (t + 1));
    }
    assertArrayEquals(new double[FEATURES + 1], result.model());
    assertEquals(12 * 6 * 9L, result.wireBytesTotal());
  }

  @Test
  void emptyColumnResidualStaysZero() {
    TrainingResult result = run(params("topk:5"), train);

    assertEquals(0.0, result.model()[EMPTY_COLUMN]);
    for (double[] residual : result.residuals().collect()) {
      assertEquals(0.0, residual[EMPTY_COLUMN]);
    }
    assertEquals(5, result.history().get(0).entriesMax());
  }

  @Test
  void hardThresholdMatchesDenseWithFewerBytes() {
    TrainingResult dense = dense();
    TrainingResult hard = run(params("hard-threshold-auto:6"), train);

    assertTrue(hard.testAccuracy() >= dense.testAccuracy() - 0.02,
        "hard-threshold " + hard.testAccuracy() + " vs dense " + dense.testAccuracy());
    assertTrue(hard.wireBytesTotal() < 0.5 * dense.wireBytesTotal(),
        hard.wireBytesTotal() + " bytes vs dense " + dense.wireBytesTotal());
    assertTrue(hard.lambda() > 0);
  }

  @Test
  void residualLedgerBalancesWithinRounding() {
    TrainingResult hard = run(params("hard-threshold-auto:6"), train);

    assertTrue(hard.ledgerBound() > 0, "bound " + hard.ledgerBound());
    assertTrue(Math.abs(hard.ledgerImbalance()) <= hard.ledgerBound(),
        "imbalance " + hard.ledgerImbalance() + " vs bound " + hard.ledgerBound());
  }

  @Test
  void modelIndependentOfPartitioning() {
    TrainerParams p = params("topk:4").withBatchSize(100).withRounds(8);
    TrainingResult reference = run(p, train.repartition(1));
    TrainingResult repartitioned = run(p.withTreeDepth(3), train.repartition(7));

    assertArrayEquals(reference.model(), repartitioned.model());
  }

  @Test
  void autoStepIsOneOverTheSampleEstimate() {
    TrainerParams p = params("topk:4").withStep(0.0).withRounds(3);
    TrainingResult result = run(p, train);
    SparseExample[] all = train.collect().toArray(new SparseExample[0]);

    // 4000 examples are below the sample size, so the estimate uses all of them.
    assertEquals(1.0 / StepSize.lipschitz(all, FEATURES, true, p.reg(), p.seed()), result.step());
    assertArrayEquals(result.model(), run(p, train.repartition(5)).model());
  }

  @Test
  void momentumLowersLossKeepsLedger() {
    TrainerParams plain = params("topk:8").withStep(0.0).withRounds(30);
    TrainingResult without = run(plain, train);
    TrainingResult with = run(plain.withMomentum(0.8), train);

    assertTrue(with.finalLoss() < without.finalLoss(),
        "momentum 0.8 ended at " + with.finalLoss() + ", none at " + without.finalLoss());
    assertTrue(Math.abs(with.ledgerImbalance()) <= with.ledgerBound(),
        "imbalance " + with.ledgerImbalance() + " vs bound " + with.ledgerBound());
    assertArrayEquals(with.model(), run(plain.withMomentum(0.8), train.repartition(7)).model());
  }

  @Test
  void momentumOutsideTheUnitIntervalIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> params("none").withMomentum(1.0));
    assertTrue(e.getMessage().contains("momentum must be in [0, 1) but was 1.0"), e.getMessage());
  }

  @Test
  void recomputedResidualsAreIdentical() {
    TrainingResult result = run(params("randomk:5").withRounds(6).withCheckpointInterval(4), train);
    List<double[]> first = result.residuals().collect();
    result.residuals().unpersist(true);

    List<double[]> second = result.residuals().collect();

    assertEquals(6, first.size());
    for (int w = 0; w < first.size(); w++) {
      assertArrayEquals(first.get(w), second.get(w), "worker " + w);
    }
  }

  @Test
  void labelSkewedShardsStillLearn() {
    TrainingResult result =
        run(params("hard-threshold-auto:6").withPartitioning(Partitioning.LABEL_SKEWED), train);

    assertTrue(result.testAccuracy() >= plantedAccuracy - 0.05,
        "accuracy " + result.testAccuracy() + " vs planted " + plantedAccuracy);
  }

  @Test
  void tooFewExamplesForWorkersIsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new CompressedGradientTrainer(params("none").withWorkers(8))
            .train(train.filter(e -> e.id() < 5), 5, null, FEATURES, null));

    assertEquals("training set must have at least as many examples as workers (8) but had 5; "
        + "use fewer workers", error.getMessage());
  }
}
