package org.sparsify.gradient.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsify.common.InputFormatException;
import org.sparsify.common.LineNumbers;
import scala.Tuple2;

/**
 * Reads LIBSVM text from any Hadoop path (a file, a folder or a glob; local, {@code hdfs://},
 * compressed by a Hadoop codec) into {@link SparseExample}s, with the rules of {@link LibsvmParser}.
 *
 * <p>An invalid line fails the read with an {@link InputFormatException} naming the file and line
 * number. Executors only know the byte offset of a line (the key of Hadoop's
 * {@code TextInputFormat}), so the driver counts the line breaks before that offset once an error
 * occurs; valid input pays nothing for this.
 *
 * <p>Cost: one pass to number the rows ({@code zipWithIndex}) and one to count them; no shuffle.
 * The examples stay persisted at MEMORY_AND_DISK. Driver memory O(partitions).
 */
public final class LibsvmReader {

  private LibsvmReader() {}

  /**
   * Reads {@code path}.
   *
   * @param featureLimit the feature count d, or 0 to take it from the data; an index above a
   *     positive limit fails the read
   */
  public static LabeledData read(JavaSparkContext jsc, String path, int featureLimit) {
    Configuration conf = jsc.hadoopConfiguration();
    JavaNewHadoopRDD<LongWritable, Text> lines =
        (JavaNewHadoopRDD<LongWritable, Text>)
            jsc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf);
    JavaRDD<SparseExample> parsed =
        lines.mapPartitionsWithInputSplit(
            (split, records) -> parsePartition(split, records, featureLimit), true);
    return LabeledData.index(parsed, path, error -> withLineNumber(conf, error));
  }

  private static Iterator<SparseExample> parsePartition(
      InputSplit split, Iterator<Tuple2<LongWritable, Text>> records, int featureLimit) {
    String file = split instanceof FileSplit fileSplit ? fileSplit.getPath().toString() : split.toString();
    List<SparseExample> examples = new ArrayList<>();
    while (records.hasNext()) {
      Tuple2<LongWritable, Text> record = records.next();
      long offset = record._1().get();
      try {
        SparseExample example = LibsvmParser.parse(record._2().toString(), offset, featureLimit);
        if (example != null) {
          examples.add(example);
        }
      } catch (IllegalArgumentException e) {
        throw new InputFormatException(file, offset, -1, "invalid LIBSVM input: " + e.getMessage());
      }
    }
    return examples.iterator();
  }

  /** Adds the line number to a format error by counting line breaks before its byte offset. */
  private static RuntimeException withLineNumber(Configuration conf, RuntimeException error) {
    if (!(error instanceof InputFormatException format) || format.byteOffset() < 0) {
      return error;
    }
    try {
      return format.withLineNumber(LineNumbers.lineNumberAt(conf, new Path(format.file()), format.byteOffset()));
    } catch (IOException e) {
      error.addSuppressed(e);
      return error;
    }
  }
}
