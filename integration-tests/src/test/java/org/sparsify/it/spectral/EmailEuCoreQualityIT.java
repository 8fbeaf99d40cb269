package org.sparsify.it.spectral;

import org.sparsify.testing.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.graph.clustering.SpectralClustering;
import org.sparsify.graph.clustering.SpectralPipeline;
import org.sparsify.graph.io.EdgeListOptions;
import org.sparsify.graph.io.GraphLoader;
import org.sparsify.graph.io.LoadedGraph;
import scala.Tuple2;

/**
 * Quality floors on email-Eu-core against its 42 departments. ARI and NMI are measured on the
 * largest connected component (986 nodes): the 19 nodes whose only edge is a self-loop have no edge
 * after loading, stay unassigned, and are left out of the comparison.
 */
class EmailEuCoreQualityIT {

  private static final int K = 42;
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
  void departmentFloors() throws IOException {
    Path edges = TestData.require("email-Eu-core/email-Eu-core.txt");
    Path labelFile = TestData.require("email-Eu-core/email-Eu-core-department-labels.txt");
    LoadedGraph graph = GraphLoader.load(spark, edges.toString(), EdgeListOptions.defaults());
    JavaPairRDD<Long, Integer> departments = departments(graph, labelFile);

    QualityRuns.Measure fullAri = new QualityRuns.Measure("email full ARI");
    QualityRuns.Measure fullNmi = new QualityRuns.Measure("email full NMI");
    QualityRuns.Measure halfAri = new QualityRuns.Measure("email p=0.5 ARI");
    QualityRuns.Measure fifthAri = new QualityRuns.Measure("email p=0.2 ARI");
    for (long seed : QualityRuns.SEEDS) {
      SpectralPipeline.Result full = QualityRuns.run(sc, graph, 1.0, K, seed);
      assertEquals(19, full.clustering().isolatedInInput());
      assertEquals(986, full.clustering().assignments().filter(e -> e._2() != SpectralClustering.UNASSIGNED).count());
      fullAri.add(QualityRuns.ari(full.clustering().assignments(), departments));
      fullNmi.add(QualityRuns.nmi(full.clustering().assignments(), departments));
      full.release();
      for (double p : new double[] {0.5, 0.2}) {
        SpectralPipeline.Result sampled = QualityRuns.run(sc, graph, p, K, seed);
        (p == 0.5 ? halfAri : fifthAri).add(QualityRuns.ari(sampled.clustering().assignments(), departments));
        sampled.release();
      }
    }
    assertTrue(fullAri.mean() >= 0.38, "mean full ARI below 0.38");
    assertTrue(fullNmi.mean() >= 0.68, "mean full NMI below 0.68");
    assertTrue(halfAri.mean() >= 0.30, "mean ARI at p = 0.5 below 0.30");
    assertTrue(fifthAri.mean() >= 0.18, "mean ARI at p = 0.2 below 0.18");
  }

  /** Reads the 'node department' lines and keys them by dense node index. */
  private static JavaPairRDD<Long, Integer> departments(LoadedGraph graph, Path labelFile) throws IOException {
    Map<Long, Integer> byId = new HashMap<>();
    for (String line : Files.readAllLines(labelFile)) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2) {
        byId.put(Long.parseLong(fields[0]), Integer.parseInt(fields[1]));
      }
    }
    assertEquals(1005, byId.size());
    List<Tuple2<Long, Integer>> byIndex = new ArrayList<>();
    graph.nodeIds().collectAsMap().forEach((index, id) -> byIndex.add(new Tuple2<>(index, byId.get(Long.parseLong(id)))));
    return sc.parallelizePairs(byIndex);
  }
}
