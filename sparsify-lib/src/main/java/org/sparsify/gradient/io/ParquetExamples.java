package org.sparsify.gradient.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads examples from Parquet with a numeric column {@code label} (-1/+1 or 0/1) and a column
 * {@code features} of Spark ML's vector type, 0-based, as written by
 * {@code spark.read().format("libsvm")} followed by {@code write().parquet(...)}.
 *
 * <p>A label outside -1/0/+1, a NaN or infinite value or an index at or above a positive feature
 * limit fails the read with the file and the offending value. Cost: one pass to number the rows and
 * one to count them; no shuffle.
 */
public final class ParquetExamples {

  private ParquetExamples() {}

  /** Reads {@code path}; {@code featureLimit} as in {@link LibsvmReader#read}. */
  public static LabeledData read(SparkSession spark, String path, int featureLimit) {
    Dataset<Row> frame = spark.read().parquet(path);
    List<String> columns = Arrays.asList(frame.columns());
    if (!columns.contains("label") || !columns.contains("features")) {
      throw new IllegalArgumentException(
          "Parquet input " + path + " must have columns 'label' and 'features' but had " + columns);
    }
    JavaRDD<SparseExample> parsed =
        frame
            .select(col("label").cast("double"), col("features"), input_file_name())
            .javaRDD()
            .map(row -> toExample(row, featureLimit));
    return LabeledData.index(parsed, path, error -> error);
  }

  private static SparseExample toExample(Row row, int featureLimit) {
    String file = row.getString(2);
    try {
      if (row.isNullAt(0) || row.isNullAt(1)) {
        throw new IllegalArgumentException("label and features must not be null");
      }
      double label = LibsvmParser.parseLabel(Double.toString(row.getDouble(0)));
      SparseVector features = ((Vector) row.get(1)).toSparse();
      int[] indices = features.indices();
      double[] values = features.values();
      for (int k = 0; k < indices.length; k++) {
        checkFeature(indices[k], values[k], featureLimit);
      }
      return new SparseExample(0, label, indices.clone(), values.clone());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Parquet input in " + file + ": " + e.getMessage());
    }
  }

  private static void checkFeature(int index, double value, int featureLimit) {
    if (featureLimit > 0 && index >= featureLimit) {
      throw new IllegalArgumentException(
          "0-based feature index must be < " + featureLimit + " (the feature count) but was " + index);
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "feature value must be finite but was " + value + " at 0-based index " + index);
    }
  }
}
