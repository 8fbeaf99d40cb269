package org.sparsify.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsify.testing.LocalSpark;

class LogregJobTest {

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

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void syntheticRunWritesHistoryModelAndMetrics() throws IOException {
    Path output = dir.resolve("out");

    int code = LogregJob.run(new String[] {
        "--compressor", "topk:5", "--workers", "4", "--rounds", "12", "--step", "2",
        "--gen-rows", "3000", "--gen-features", "100", "--eval-interval", "4",
        "--checkpoint-interval", "5", "--baseline", "mllib", "--output", output.toString()});

    assertEquals(0, code);
    assertTrue(Files.exists(output.resolve("_SUCCESS")));
    assertFalse(Files.exists(output.resolve("_checkpoints")), "checkpoints are removed before commit");
    JsonNode m = json(output.resolve("metrics.json"));
    for (String key : List.of("rounds", "final_loss", "test_accuracy", "paper_bits_per_worker",
        "wire_bytes_total", "dense_bytes_equivalent", "total_error", "timings_ms", "baseline_mllib")) {
      assertTrue(m.has(key), "metrics.json lacks " + key);
    }
    assertEquals(12, m.get("rounds").asInt());
    assertEquals(12 * 5 * 32.0, m.get("paper_bits_per_worker").asDouble());
    assertEquals(12 * 4 * 8L * 101, m.get("dense_bytes_equivalent").asLong());
    assertTrue(m.get("test_accuracy").asDouble() > 0.6, "accuracy " + m.get("test_accuracy"));
    assertTrue(m.get("baseline_mllib").get("test_accuracy").asDouble() > 0.6);

    List<String> history = Files.readAllLines(output.resolve("history.csv"));
    assertEquals(13, history.size());
    assertTrue(history.get(0).startsWith("round,loss,entries_min"));
    assertFalse(history.get(4).split(",", -1)[10].isEmpty(), "round 4 is evaluated: " + history.get(4));
    assertTrue(history.get(3).split(",", -1)[10].isEmpty(), "round 3 is not evaluated: " + history.get(3));
    JsonNode model = json(output.resolve("model.json"));
    assertEquals(100, model.get("features").asInt());
    assertEquals(100, model.get("weights").size());
  }

  @Test
  void invalidInputLeavesNoOutput() throws IOException {
    Path train = dir.resolve("bad.libsvm");
    Files.write(train, List.of("1 1:1", "-1 2:1", "1 1:1 2:inf"));
    Path output = dir.resolve("out");

    int code = LogregJob.run(new String[] {
        "--train", train.toString(), "--workers", "1", "--output", output.toString()});

    assertEquals(2, code);
    assertFalse(Files.exists(output));
  }

  @Test
  void invalidCompressorIsRejected() {
    Path output = dir.resolve("out");

    int code = LogregJob.run(new String[] {"--compressor", "top:3", "--output", output.toString()});

    assertEquals(2, code);
    assertFalse(Files.exists(output));
  }

  @Test
  void helpListsEveryOption() {
    String help = LogregJob.options().help();

    for (String option : List.of("--train", "--test", "--test-fraction", "--compressor", "--workers",
        "--rounds", "--step", "--reg", "--batch", "--partitioning", "--seed", "--baseline", "--output")) {
      assertTrue(help.contains(option + " "), help);
    }
  }
}
