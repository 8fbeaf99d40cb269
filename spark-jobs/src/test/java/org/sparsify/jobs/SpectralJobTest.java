package org.sparsify.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsify.common.InputFormatException;
import org.sparsify.testing.LocalSpark;
import scala.Tuple2;

class SpectralJobTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void builtInGraphWithComparisonAndLabels() throws IOException {
    // Labels by CSV with a quoted comma; the generator's blocks are nodes 0-59, 60-119, 120-179.
    Path labels = dir.resolve("labels.csv");
    StringBuilder csv = new StringBuilder("id,facebook_id,page_name,page_type\n");
    for (int i = 0; i < 180; i++) {
      csv.append(i).append(",9").append(i).append(",\"Page, number ").append(i).append("\",block").append(i / 60).append('\n');
    }
    Files.writeString(labels, csv);
    Path output = dir.resolve("out");

    int code = SpectralJob.run(new String[] {
        "--gen-clusters", "3", "--gen-cluster-size", "60", "--gen-p-in", "0.3", "--gen-p-out", "0.01",
        "--k", "3", "--sample", "bernoulli:0.6", "--compare-full", "--labels", labels.toString(),
        "--kmeans-runs", "2", "--tolerance", "1e-5", "--output", output.toString()});

    assertEquals(0, code);
    JsonNode m = new ObjectMapper().readTree(output.resolve("metrics.json").toFile());
    for (String key : List.of("nodes", "edges", "sampled_edges", "ari", "nmi", "ari_vs_full", "sin_theta_vs_full",
        "eigenvalues", "residuals", "passes", "repaired_nodes", "timings_ms", "cluster_sizes", "conductance")) {
      assertTrue(m.has(key), "metrics.json lacks " + key);
    }
    assertEquals(180, m.get("nodes").asLong());
    assertEquals(4, m.get("eigenvalues").size());
    assertEquals(3, m.get("label_classes").asInt());
    assertEquals(0, m.get("labels_unmatched").asLong());
    assertTrue(m.get("converged").asBoolean());
    assertTrue(m.get("ari").asDouble() > 0.9, "ARI " + m.get("ari"));
    assertTrue(m.get("ari_vs_full").asDouble() > 0.9, "ARI vs full " + m.get("ari_vs_full"));
    assertTrue(m.get("sin_theta_vs_full").asDouble() < 0.5, "sin theta " + m.get("sin_theta_vs_full"));

    Dataset<Row> assignments = spark.read().parquet(output.resolve("assignments.parquet").toString());
    assertEquals(180, assignments.count());
    Dataset<Row> embedding = spark.read().parquet(output.resolve("embedding.parquet").toString());
    assertEquals(List.of("node", "v1", "v2", "v3"), List.of(embedding.columns()));
    assertEquals(180, embedding.count());
  }

  @Test
  void sparkUiNamesEveryStep() throws Exception {
    List<String> descriptions = new CopyOnWriteArrayList<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        descriptions.add(String.valueOf(jobStart.properties().getProperty("spark.job.description")));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      int code = SpectralJob.run(new String[] {
          "--gen-clusters", "3", "--gen-cluster-size", "40", "--k", "3", "--kmeans-runs", "1",
          "--output", dir.resolve("out").toString()});
      assertEquals(0, code);
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }

    for (String step : List.of("load", "sample", "sampled embed pass 1", "sampled embed pass 2", "sampled k-means", "write")) {
      assertTrue(descriptions.contains(step), "no Spark job described as '" + step + "' in " + descriptions);
    }
    int firstKmeans = descriptions.indexOf("sampled k-means");
    List<String> afterSolver = descriptions.subList(firstKmeans, descriptions.size());
    assertTrue(afterSolver.stream().noneMatch(d -> d.contains("embed pass")), "embed pass after k-means: " + afterSolver);
  }

  @Test
  void labelLinesParsed() {
    assertEquals(List.of(new Tuple2<>("17", "4")), SpectralLabels.parse("f", "17 4\r", 2, true));
    assertEquals(List.of(new Tuple2<>("3", "tvshow")), SpectralLabels.parse("f", "3,145,\"A, B and C\",tvshow", 5, true));
    assertEquals(List.of(new Tuple2<>("7", "x")), SpectralLabels.parse("f", "007\tx", 3, true));
    assertEquals(List.of(), SpectralLabels.parse("f", "id,facebook_id,page_name,page_type", 1, true));
    assertEquals(List.of(), SpectralLabels.parse("f", "# comment", 4, true));
  }

  @Test
  void badLabelLineNamesFileAndLine() {
    InputFormatException error = assertThrows(InputFormatException.class,
        () -> SpectralLabels.parse("labels.txt", "abc 3", 9, true));
    assertTrue(error.getMessage().contains("labels.txt"), error.getMessage());
    assertTrue(error.getMessage().contains("line 9"), error.getMessage());
    assertThrows(InputFormatException.class, () -> SpectralLabels.parse("labels.txt", "12", 2, true));
  }

  @Test
  void invalidTauRejected() {
    int code = SpectralJob.run(new String[] {"--tau", "-1", "--output", dir.resolve("out").toString()});
    assertEquals(2, code);
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void tooManyClustersRejectedWithExitCode() {
    int code = SpectralJob.run(new String[] {
        "--gen-clusters", "2", "--gen-cluster-size", "5", "--k", "12", "--output", dir.resolve("out").toString()});
    assertEquals(2, code);
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void missingInputRejectedWithExitCode() {
    Path missing = dir.resolve("no-such-edges.txt");
    int code = SpectralJob.run(new String[] {"--input", missing.toString(), "--output", dir.resolve("out").toString()});
    assertEquals(2, code);
    assertFalse(Files.exists(dir.resolve("out")));
  }
}
