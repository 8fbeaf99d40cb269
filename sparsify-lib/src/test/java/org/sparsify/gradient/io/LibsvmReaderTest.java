package org.sparsify.gradient.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.common.InputFormatException;
import org.sparsify.testing.LocalSpark;
import org.junit.jupiter.api.io.TempDir;

class LibsvmReaderTest {

  private static SparkSession spark;
  private static JavaSparkContext jsc;

  @TempDir Path folder;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start();
    jsc = LocalSpark.context(spark);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = folder.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void readsLabelsIndicesAndCounts() throws IOException {
    Path file = write("small.libsvm", "# comment", "+1 1:0.5 3:1", "", "0 2:2", "-1 3:1");

    LabeledData data = LibsvmReader.read(jsc, file.toString(), 0);

    assertEquals(3, data.count());
    assertEquals(1, data.positives());
    assertEquals(3, data.featureBound());
    List<SparseExample> examples = data.examples().collect();
    assertArrayEquals(new long[] {0, 1, 2}, examples.stream().mapToLong(SparseExample::id).toArray());
    assertArrayEquals(new int[] {0, 2}, examples.get(0).indices());
    assertEquals(-1.0, examples.get(1).label());
  }

  @Test
  void featureCountOptionAcceptsSmallerData() throws IOException {
    Path file = write("narrow.libsvm", "1 1:1", "-1 2:1");

    LabeledData data = LibsvmReader.read(jsc, file.toString(), 123);

    assertEquals(2, data.featureBound());
    assertEquals(2, data.count());
  }

  @Test
  void nanValueFailsWithFileAndLine() throws IOException {
    Path file = write("nan.libsvm", "1 1:1", "-1 2:1", "1 3:nan", "-1 1:2");

    InputFormatException error = assertThrows(InputFormatException.class,
        () -> LibsvmReader.read(jsc, file.toString(), 0));

    assertEquals(3, error.lineNumber());
    assertTrue(error.getMessage().contains(file.getFileName().toString()), error.getMessage());
    assertTrue(error.getMessage().contains("line 3: invalid LIBSVM input: feature value must be finite but was '3:nan'"),
        error.getMessage());
  }

  @Test
  void errorInLaterPartitionGetsLineNumber() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      text.append(i % 2 == 0 ? "1" : "-1").append(" 1:1 2:0.5 3:0.25\n");
    }
    text.append("1 4:NaN\n");
    Path file = folder.resolve("long.libsvm");
    Files.writeString(file, text);
    jsc.hadoopConfiguration().setLong("mapreduce.input.fileinputformat.split.maxsize", 8192);
    try {
      InputFormatException error = assertThrows(InputFormatException.class,
          () -> LibsvmReader.read(jsc, file.toString(), 0));

      assertEquals(3001, error.lineNumber());
    } finally {
      jsc.hadoopConfiguration().unset("mapreduce.input.fileinputformat.split.maxsize");
    }
  }

  @Test
  void infiniteValueFailsWithFileAndLine() throws IOException {
    Path file = write("inf.libsvm", "1 1:1", "-1 2:-Infinity");

    InputFormatException error = assertThrows(InputFormatException.class,
        () -> LibsvmReader.read(jsc, file.toString(), 0));

    assertEquals(2, error.lineNumber());
    assertTrue(error.getMessage().contains("inf.libsvm, line 2"), error.getMessage());
  }

  @Test
  void badLabelFailsWithFileAndLine() throws IOException {
    Path file = write("labels.libsvm", "1 1:1", "0 1:1", "-1 1:1", "1 2:1", "3 1:1");

    InputFormatException error = assertThrows(InputFormatException.class,
        () -> LibsvmReader.read(jsc, file.toString(), 0));

    assertEquals(5, error.lineNumber());
    assertTrue(error.getMessage().contains("label must be -1, 0 or +1 but was '3'"), error.getMessage());
  }

  @Test
  void indexAboveFeatureCountFailsWithLine() throws IOException {
    Path file = write("wide.libsvm", "1 1:1", "-1 9:1");

    InputFormatException error = assertThrows(InputFormatException.class,
        () -> LibsvmReader.read(jsc, file.toString(), 5));

    assertEquals(2, error.lineNumber());
  }

  @Test
  void parquetRoundTripMatchesText() throws IOException {
    Path file = write("round.libsvm", "1 1:0.5 4:1", "-1 2:2", "1 3:1");
    String parquet = folder.resolve("round.parquet").toString();
    spark.read().format("libsvm").load(file.toString()).write().parquet(parquet);

    LabeledData text = LibsvmReader.read(jsc, file.toString(), 0);
    LabeledData columns = ParquetExamples.read(spark, parquet, 0);

    assertEquals(text.count(), columns.count());
    assertEquals(text.positives(), columns.positives());
    assertEquals(text.featureBound(), columns.featureBound());
  }

  @Test
  void parquetBadLabelNamesTheFile() throws IOException {
    Path file = write("multi.libsvm", "1 1:1", "2 2:1");
    String parquet = folder.resolve("multi.parquet").toString();
    spark.read().format("libsvm").load(file.toString()).write().parquet(parquet);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ParquetExamples.read(spark, parquet, 0));

    assertTrue(error.getMessage().contains("invalid Parquet input in "), error.getMessage());
    assertTrue(error.getMessage().contains("label must be -1, 0 or +1 but was '2.0'"), error.getMessage());
  }
}
