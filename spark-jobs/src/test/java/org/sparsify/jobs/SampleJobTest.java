package org.sparsify.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsify.testing.LocalSpark;

class SampleJobTest {

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

  private static JsonNode metrics(Path output) throws IOException {
    return new ObjectMapper().readTree(output.resolve("metrics.json").toFile());
  }

  private static List<String> textLines(Path edgesDir) throws IOException {
    try (Stream<Path> parts = Files.list(edgesDir)) {
      return parts.filter(p -> p.getFileName().toString().startsWith("part-"))
          .flatMap(p -> {
            try {
              return Files.readAllLines(p).stream();
            } catch (IOException e) {
              throw new RuntimeException(e);
            }
          })
          .sorted()
          .toList();
    }
  }

  @Test
  void writesEdgesParquetAndMetrics() throws IOException {
    Path input = dir.resolve("g.txt");
    Files.writeString(input, "# ids\n1099511627777 1099511627778\n1099511627778 -5\n-5 -5\n-5 1099511627778\n");
    Path output = dir.resolve("out");

    int code = SampleJob.run(new String[] {
        "--input", input.toString(), "--sample", "bernoulli:1.0", "--seed", "3", "--output", output.toString()});

    assertEquals(0, code);
    assertTrue(Files.exists(output.resolve("_SUCCESS")));
    JsonNode m = metrics(output);
    assertEquals(3, m.get("nodes").asLong());
    assertEquals(2, m.get("edges").asLong());
    assertEquals(2, m.get("sampled_edges").asLong());
    assertEquals(1, m.get("self_loops_dropped").asLong());
    assertEquals(1, m.get("duplicates_merged").asLong());
    assertEquals(0, m.get("isolated_after_sampling").asLong());
    for (String key : List.of("load", "sample", "write")) {
      assertTrue(m.get("timings_ms").has(key), "timings_ms." + key);
    }
    assertEquals(List.of("-5\t1099511627778\t1.0", "1099511627777\t1099511627778\t1.0"),
        textLines(output.resolve("edges")));
    assertEquals(1, spark.read().parquet(output.resolve("edges.parquet").toString())
        .where("src = -5 AND dst = 1099511627778").count());
  }

  @Test
  void generatedDefaultInput() throws IOException {
    Path output = dir.resolve("gen");
    int code = SampleJob.run(new String[] {
        "--gen-clusters", "3", "--gen-cluster-size", "60", "--sample", "bernoulli:0.5", "--output", output.toString()});
    assertEquals(0, code);
    JsonNode m = metrics(output);
    assertEquals(180, m.get("nodes").asLong());
    long edges = m.get("edges").asLong();
    long kept = m.get("sampled_edges").asLong();
    assertEquals(edges * 0.5, kept, 4.5 * Math.sqrt(edges * 0.25));
    assertEquals(kept, textLines(output.resolve("edges")).size());
  }

  @Test
  void existingOutputRejectedUnlessOverwrite() throws IOException {
    Path output = dir.resolve("exists");
    Files.createDirectories(output);
    Files.writeString(output.resolve("keep.txt"), "user data");
    String[] args = {"--gen-cluster-size", "20", "--output", output.toString()};

    assertEquals(2, SampleJob.run(args));
    assertTrue(Files.exists(output.resolve("keep.txt")), "a rejected run must not touch the directory");

    String[] overwrite = {"--gen-cluster-size", "20", "--output", output.toString(), "--overwrite"};
    assertEquals(0, SampleJob.run(overwrite));
    assertFalse(Files.exists(output.resolve("keep.txt")));
    assertTrue(Files.exists(output.resolve("metrics.json")));
  }

  @Test
  void failedRunLeavesNoOutput() throws IOException {
    Path input = dir.resolve("bad.txt");
    Files.writeString(input, "0 1\n1 2 -1\n");
    Path output = dir.resolve("failed");

    assertEquals(2, SampleJob.run(new String[] {"--input", input.toString(), "--output", output.toString()}));
    assertFalse(Files.exists(output));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".failed.staging")),
          "the staging directory of a failed run is deleted");
    }
  }

  @Test
  void helpListsEveryOptionWithDefault() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, SampleJob.run(new String[] {"--help"}));
    } finally {
      System.setOut(original);
    }
    String help = captured.toString(StandardCharsets.UTF_8);
    for (String option : List.of("--input", "--sample", "--seed", "--output", "--overwrite", "--bad-lines",
        "--id-type", "--gen-clusters", "--conf-file")) {
      assertTrue(help.contains(option), option + " in\n" + help);
    }
    assertTrue(help.contains("(default: bernoulli:0.5)"), help);
  }

  @Test
  void profileValuesAreOverriddenByCommandLine() throws IOException {
    Path profile = dir.resolve("tiny.properties");
    Files.writeString(profile, "gen-clusters=2\ngen-cluster-size=30\nsample=bernoulli:0.1\n");
    Path output = dir.resolve("profiled");
    assertEquals(0, SampleJob.run(new String[] {
        "--conf-file", profile.toString(), "--sample", "none", "--output", output.toString()}));
    JsonNode m = metrics(output);
    assertEquals(60, m.get("nodes").asLong());
    assertEquals("none", m.get("sample").asText());
    assertEquals(m.get("edges").asLong(), m.get("sampled_edges").asLong());
  }

  @Test
  void invalidOptionsRejected() {
    assertEquals(2, SampleJob.run(new String[] {"--output", dir.resolve("x").toString(), "--sample", "bernoulli:2"}));
    assertEquals(2, SampleJob.run(new String[] {"--outptu", "x"}));
    assertEquals(2, SampleJob.run(new String[] {"--output"}));
    assertFalse(Files.exists(dir.resolve("x")));
  }

  @Test
  void generatedGraphLoadsBack() throws IOException {
    Path generated = dir.resolve("planted");
    assertEquals(0, GenerateJob.run(new String[] {
        "--gen-clusters", "2", "--gen-cluster-size", "40", "--gen-p-in", "0.2", "--partitions", "3",
        "--output", generated.toString()}));
    JsonNode g = metrics(generated);
    assertEquals(80, textLines(generated.resolve("labels")).size());

    Path sampled = dir.resolve("reloaded");
    assertEquals(0, SampleJob.run(new String[] {
        "--input", generated.resolve("edges").toString(), "--sample", "none", "--output", sampled.toString()}));
    JsonNode m = metrics(sampled);
    assertEquals(g.get("edges").asLong(), m.get("edges").asLong());
    assertEquals(g.get("edges").asLong(), m.get("sampled_edges").asLong());
    assertEquals(80 - g.get("isolated_in_input").asLong(), m.get("nodes").asLong());
  }
}
