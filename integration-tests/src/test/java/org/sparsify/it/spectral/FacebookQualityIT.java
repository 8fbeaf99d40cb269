package org.sparsify.it.spectral;

import org.sparsify.testing.TestData;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.graph.clustering.SpectralPipeline;
import org.sparsify.graph.io.EdgeListOptions;
import org.sparsify.graph.io.GraphLoader;
import org.sparsify.graph.io.LoadedGraph;

/** Quality floor on the Facebook page graph: the sampled clustering against the full one, k = 4. */
class FacebookQualityIT {

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
  void sampledAgreesWithFull() {
    Path edges = TestData.require("facebook-page-page/musae_facebook_edges.csv");
    LoadedGraph graph = GraphLoader.load(spark, edges.toString(), EdgeListOptions.defaults());

    // One clustering of the full graph; the three seeds vary the sample, the start block and k-means.
    SpectralPipeline.Result full = QualityRuns.run(sc, graph, 1.0, K, QualityRuns.SEEDS[0]);
    QualityRuns.Measure ariVsFull = new QualityRuns.Measure("facebook p=0.5 ARI vs full");
    for (long seed : QualityRuns.SEEDS) {
      SpectralPipeline.Result sampled = QualityRuns.run(sc, graph, 0.5, K, seed);
      ariVsFull.add(QualityRuns.ari(sampled.clustering().assignments(), full.clustering().assignments()));
      sampled.release();
    }
    full.release();
    assertTrue(ariVsFull.mean() >= 0.60, "mean ARI between sampled and full clustering below 0.60");
  }
}
