package org.sparsify.jobs.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparsify.graph.io.EdgeLineParser;
import org.sparsify.graph.io.LoadedGraph;
import scala.Tuple2;

/**
 * Reads ground-truth labels for the PIC comparison: lines {@code node label} or CSV lines {@code
 * node,...,label} (first and last field), blank and '#' lines skipped, and a first line whose node
 * field is not an integer treated as a header.
 */
final class BenchLabels {

  private BenchLabels() {}

  /** Returns label classes 0..c-1 by dense node index of {@code graph}; unknown nodes are left out. */
  static JavaPairRDD<Long, Integer> byIndex(SparkSession spark, String path, LoadedGraph graph) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaPairRDD<String, String> byId = sc.textFile(path)
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.contains(",") ? line.split(",") : line.split("\\s+"))
        .filter(fields -> fields.length >= 2 && EdgeLineParser.isLongId(fields[0].strip()))
        .mapToPair(fields -> new Tuple2<>(
            Long.toString(EdgeLineParser.parseLongId(fields[0].strip())), fields[fields.length - 1].strip()));
    List<String> names = byId.values().distinct().collect().stream().sorted().toList();
    Map<String, Integer> classes = new HashMap<>();
    for (String name : names) {
      classes.put(name, classes.size());
    }
    JavaPairRDD<String, Long> indexById = graph.nodeIds().mapToPair(t -> new Tuple2<>(t._2(), t._1()));
    return indexById.join(byId).mapToPair(t -> new Tuple2<>(t._2()._1(), classes.get(t._2()._2())));
  }
}
