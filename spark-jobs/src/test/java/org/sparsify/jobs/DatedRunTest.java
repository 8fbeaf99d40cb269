package org.sparsify.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatedRunTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

  @TempDir Path dir;

  private static DatedRun.Request parse(String... args) {
    return DatedRun.parse(args, TODAY);
  }

  @Test
  void daysAgoResolvesDatedPaths() {
    DatedRun.Request request =
        parse("--days-ago", "1", "--input-root", "hdfs://nn/graphs/", "--output-root", "hdfs://nn/samples",
            "sample", "--seed", "3");

    assertEquals(LocalDate.of(2026, 12, 3), request.date());
    assertEquals("hdfs://nn/graphs/dt=2026-12-03", request.input());
    assertEquals("hdfs://nn/samples/dt=2026-12-03", request.output());
    assertEquals("sample", request.job());
    assertEquals(List.of("--seed", "3"), request.jobArgs());
  }

  @Test
  void explicitDateAndInputOption() {
    DatedRun.Request request =
        parse("--date", "2024-02-29", "--input-root", "in", "--output-root", "out", "--input-option", "--train",
            "logreg", "--rounds", "5");

    assertArrayEquals(
        new String[] {"logreg", "--train", "in/dt=2024-02-29", "--output", "out/dt=2024-02-29", "--rounds", "5"},
        DatedRun.jobArguments(request, false));
  }

  @Test
  void partialOutputAddsOverwrite() {
    DatedRun.Request request = parse("--date", "2026-01-02", "--input-root", "in", "--output-root", "out", "sample");

    assertArrayEquals(
        new String[] {"sample", "--input", "in/dt=2026-01-02", "--output", "out/dt=2026-01-02", "--overwrite"},
        DatedRun.jobArguments(request, true));
  }

  @Test
  void invalidArgumentsNameTheValue() {
    IllegalArgumentException badDate = assertThrows(IllegalArgumentException.class,
        () -> parse("--date", "2026-13-01", "--input-root", "in", "--output-root", "out", "sample"));
    assertTrue(badDate.getMessage().contains("'2026-13-01'"), badDate.getMessage());

    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> parse("--days-ago", "-1", "--input-root", "in", "--output-root", "out", "sample"));
    assertTrue(negative.getMessage().contains("but was -1"), negative.getMessage());

    IllegalArgumentException noJob = assertThrows(IllegalArgumentException.class,
        () -> parse("--date", "2026-01-02", "--input-root", "in", "--output-root", "out"));
    assertTrue(noJob.getMessage().contains("missing job name"), noJob.getMessage());

    IllegalArgumentException noDate = assertThrows(IllegalArgumentException.class,
        () -> parse("--input-root", "in", "--output-root", "out", "sample"));
    assertTrue(noDate.getMessage().contains("--date"), noDate.getMessage());

    IllegalArgumentException ownedOutput = assertThrows(IllegalArgumentException.class,
        () -> parse("--date", "2026-01-02", "--input-root", "in", "--output-root", "out", "sample", "--output=x"));
    assertTrue(ownedOutput.getMessage().contains("--output"), ownedOutput.getMessage());
  }

  @Test
  void outputStateOnDisk() throws IOException {
    Configuration conf = new Configuration();
    Path output = dir.resolve("dt=2026-01-02");
    assertEquals(DatedRun.OutputState.MISSING, DatedRun.outputState(hadoopPath(output), conf));

    Files.createDirectories(output.resolve("edges"));
    Files.writeString(output.resolve("metrics.json"), "{}");
    assertEquals(DatedRun.OutputState.PARTIAL, DatedRun.outputState(hadoopPath(output), conf));

    Files.writeString(output.resolve("_SUCCESS"), "");
    assertEquals(DatedRun.OutputState.COMMITTED, DatedRun.outputState(hadoopPath(output), conf));
  }

  @Test
  void committedDateIsSkipped() throws IOException {
    Path output = Files.createDirectories(dir.resolve("out/dt=2026-01-02"));
    Files.writeString(output.resolve("_SUCCESS"), "");
    Files.writeString(output.resolve("metrics.json"), "{}");
    DatedRun.Request request = parse("--date", "2026-01-02", "--input-root", dir.resolve("in").toUri().toString(),
        "--output-root", dir.resolve("out").toUri().toString(), "no-such-job");

    // The job name is invalid, so reaching the job would return 2.
    assertEquals(0, DatedRun.run(request, new Configuration()));
  }

  @Test
  void missingInputExitsWithThree() throws IOException {
    DatedRun.Request request = parse("--date", "2026-01-02", "--input-root", dir.resolve("in").toUri().toString(),
        "--output-root", dir.resolve("out").toUri().toString(), "sample");

    assertEquals(DatedRun.INPUT_MISSING, DatedRun.run(request, new Configuration()));
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path path) {
    return new org.apache.hadoop.fs.Path(path.toUri());
  }
}
