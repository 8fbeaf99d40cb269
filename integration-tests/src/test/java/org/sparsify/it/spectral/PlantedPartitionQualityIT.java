package org.sparsify.it.spectral;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.graph.clustering.SpectralPipeline;
import org.sparsify.graph.generate.PlantedPartition;
import org.sparsify.graph.generate.PlantedPartitionGenerator;
import org.sparsify.graph.spectral.Subspaces;

/** Quality floors on planted-partition graphs: 4 clusters of 200 nodes, p_in 0.1, p_out 0.005. */
class PlantedPartitionQualityIT {

  private static final int K = 4;
  private static SparkSession spark;
  private static JavaSparkContext sc;

  @BeforeAll
  static void startSpark() {
    spark = QualityRuns.startSpark();
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void fullAndSampledFloors() {
    QualityRuns.Measure fullAri = new QualityRuns.Measure("planted full ARI");
    QualityRuns.Measure sampledAri = new QualityRuns.Measure("planted p=0.3 ARI");
    QualityRuns.Measure sinTheta = new QualityRuns.Measure("planted p=0.5 sin theta to full");
    for (long seed : QualityRuns.SEEDS) {
      PlantedPartitionGenerator.PlantedGraph planted =
          PlantedPartitionGenerator.generate(sc, new PlantedPartition(K, 200, 0.1, 0.005), seed, 2);

      SpectralPipeline.Result full = QualityRuns.run(sc, planted.graph(), 1.0, K, seed);
      fullAri.add(QualityRuns.ari(full.clustering().assignments(), planted.labels()));
      SpectralPipeline.Result lowRate = QualityRuns.run(sc, planted.graph(), 0.3, K, seed);
      sampledAri.add(QualityRuns.ari(lowRate.clustering().assignments(), planted.labels()));
      lowRate.release();
      SpectralPipeline.Result halfRate = QualityRuns.run(sc, planted.graph(), 0.5, K, seed);
      sinTheta.add(Subspaces.sinTheta(halfRate.eigen().vectors(), full.eigen().vectors(), K));
      halfRate.release();
      full.release();
    }
    assertTrue(fullAri.mean() >= 0.99, "mean full ARI below 0.99");
    assertTrue(sampledAri.mean() >= 0.95, "mean ARI at p = 0.3 below 0.95");
    assertTrue(sinTheta.mean() <= 0.30, "mean sin theta at p = 0.5 above 0.30");
  }
}
