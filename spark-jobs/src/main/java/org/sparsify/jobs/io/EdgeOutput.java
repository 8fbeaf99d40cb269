package org.sparsify.jobs.io;


import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparsify.graph.WeightedEdge;
import scala.Tuple2;

/** Writes weighted edges under their original node ids, as tab-separated text and as Parquet. */
public final class EdgeOutput {

  private EdgeOutput() {}

  /**
   * Writes {@code edges} to {@code textDir} (lines {@code src<TAB>dst<TAB>weight}) and {@code
   * parquetDir} (columns src, dst, weight; ids as long when {@code numericIds}, else string).
   */
  public static void write(
      SparkSession spark,
      JavaRDD<WeightedEdge> edges,
      JavaPairRDD<Long, String> nodeIds,
      boolean numericIds,
      String textDir,
      String parquetDir) {
    JavaRDD<Row> rows = withOriginalIds(edges, nodeIds, numericIds);
    rows.map(r -> r.get(0) + "\t" + r.get(1) + "\t" + r.getDouble(2)).saveAsTextFile(textDir);
    DataType idType = numericIds ? DataTypes.LongType : DataTypes.StringType;
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField("src", idType, false),
              DataTypes.createStructField("dst", idType, false),
              DataTypes.createStructField("weight", DataTypes.DoubleType, false)
            });
    spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists).parquet(parquetDir);
    rows.unpersist(false);
  }

  private static JavaRDD<Row> withOriginalIds(
      JavaRDD<WeightedEdge> edges, JavaPairRDD<Long, String> nodeIds, boolean numericIds) {
    JavaRDD<Row> rows =
        edges
            .mapToPair(e -> new Tuple2<>(e.src(), new Tuple2<>(e.dst(), e.weight())))
            .join(nodeIds)
            .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(t._2()._2(), t._2()._1()._2())))
            .join(nodeIds)
            .map(t -> {
              String src = t._2()._1()._1();
              String dst = t._2()._2();
              double weight = t._2()._1()._2();
              return numericIds
                  ? RowFactory.create(Long.parseLong(src), Long.parseLong(dst), weight)
                  : RowFactory.create(src, dst, weight);
            });
    // Persisted because both the text and the Parquet writer read it.
    rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    return rows;
  }
}
