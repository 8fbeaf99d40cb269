package org.sparsify.graph.io;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.common.LineNumbers;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.io.EdgeListOptions.HeaderMode;
import org.sparsify.graph.io.EdgeListOptions.IdType;
import org.sparsify.graph.io.EdgeListOptions.MergeRule;
import scala.Tuple2;

/**
 * Loads an undirected graph from a text edge list or a Parquet table on any Hadoop path.
 *
 * <p>Text input: see {@link EdgeLineParser} for the line format. Parquet input: columns {@code
 * src}, {@code dst} and an optional {@code weight}. The result is undirected: arcs u→v and v→u and
 * repeated lines merge into one edge whose weight follows {@link MergeRule} (by default the
 * largest listed weight). Self-loops are dropped and counted, but their node still counts in n.
 * Node ids are indexed 0..n-1 in ascending id order, so indices depend only on the input.
 *
 * <p>Invalid records (wrong field count, non-numeric id with 64-bit ids, a weight that is not a
 * finite number &gt; 0) raise an {@link InputFormatException} naming the file, the line and the
 * value, or are dropped and counted under {@link BadLinePolicy#SKIP}.
 *
 * <p>Cost: one pass over the input, a shuffle of the node ids to find the distinct ones, and one
 * shuffle of the edge list to merge duplicates. Up to {@link #DEFAULT_DRIVER_INDEX_LIMIT} nodes,
 * the sorted ids are collected on the driver and broadcast (driver memory O(n)); above it, a
 * distributed sort and two joins of the edge list index the endpoints and the driver holds
 * nothing that grows with the graph. The returned edge RDD is persisted (memory and disk).
 */
public final class GraphLoader {

  private GraphLoader() {}

  /** Loads the graph at {@code path}; see the class documentation for the format and the rules. */
  public static LoadedGraph load(SparkSession spark, String path, EdgeListOptions options) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      if (options.idType() == IdType.LONG) {
        return index(sc, readRecords(spark, path, options, GraphLoader::longId), options, true);
      }
      return index(sc, readRecords(spark, path, options, GraphLoader::stringId), options, false);
    } catch (Exception e) {
      // Spark reports a failed task as a SparkException, a checked exception in Java's eyes.
      throw GraphLoader.<RuntimeException>rethrow(withLineNumber(e, sc.hadoopConfiguration()));
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }

  // ---------------------------------------------------------------- reading

  /** Converts one field to a node id of type K, throwing a LineParseException when invalid. */
  @FunctionalInterface
  interface IdParser<K> extends Serializable {
    K parse(String field);
  }

  private static Long longId(String field) {
    return EdgeLineParser.parseLongId(field);
  }

  private static String stringId(String field) {
    return field;
  }

  private static <K> JavaRDD<RawEdge<K>> readRecords(
      SparkSession spark, String path, EdgeListOptions options, IdParser<K> ids) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<RawEdge<K>> records =
        isParquet(path, options)
            ? readParquet(spark, path, options, ids)
            : readTextEdges(sc, path, options, ids);
    if (options.nodesPath() != null) {
      records = records.union(readTextNodes(sc, options.nodesPath(), options, ids));
    }
    return records;
  }

  private static boolean isParquet(String path, EdgeListOptions options) {
    switch (options.format()) {
      case PARQUET:
        return true;
      case TEXT:
        return false;
      default:
        return path.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith(".parquet");
    }
  }

  private static <K> JavaRDD<RawEdge<K>> readTextEdges(
      JavaSparkContext sc, String path, EdgeListOptions options, IdParser<K> ids) {
    boolean autoHeader = options.header() == HeaderMode.AUTO && options.idType() == IdType.LONG;
    boolean headerPresent = options.header() == HeaderMode.PRESENT;
    BadLinePolicy policy = options.badLines();
    return textLines(sc, path, options.minPartitions())
        .mapPartitionsWithInputSplit(
            (split, lines) -> {
              FileSplit fileSplit = (FileSplit) split;
              String file = fileSplit.getPath().toString();
              boolean firstDataLine = fileSplit.getStart() == 0;
              List<RawEdge<K>> out = new ArrayList<>();
              while (lines.hasNext()) {
                Tuple2<LongWritable, Text> line = lines.next();
                String[] fields = EdgeLineParser.fields(line._2().toString());
                if (fields == null) {
                  continue;
                }
                boolean header =
                    firstDataLine
                        && (headerPresent || (autoHeader && looksLikeHeader(fields)));
                firstDataLine = false;
                if (!header) {
                  out.add(parseEdge(fields, ids, policy, file, line._1().get()));
                }
              }
              return out.iterator();
            },
            true);
  }

  private static boolean looksLikeHeader(String[] fields) {
    return fields.length >= 2
        && !(EdgeLineParser.isLongId(fields[0]) && EdgeLineParser.isLongId(fields[1]));
  }

  private static <K> RawEdge<K> parseEdge(
      String[] fields, IdParser<K> ids, BadLinePolicy policy, String file, long offset) {
    try {
      EdgeLineParser.checkEdgeFieldCount(fields);
      K u = ids.parse(fields[0]);
      K v = ids.parse(fields[1]);
      double weight = fields.length == 3 ? EdgeLineParser.parseWeight(fields[2]) : 1.0;
      return RawEdge.edge(u, v, weight);
    } catch (EdgeLineParser.LineParseException e) {
      if (policy == BadLinePolicy.SKIP) {
        return RawEdge.skipped();
      }
      throw new InputFormatException(file, offset, -1, e.getMessage() + SKIP_HINT);
    }
  }

  private static final String SKIP_HINT =
      ". Fix the line, or use the skip policy for bad lines (--bad-lines skip) to drop and count it.";

  private static <K> JavaRDD<RawEdge<K>> readTextNodes(
      JavaSparkContext sc, String path, EdgeListOptions options, IdParser<K> ids) {
    BadLinePolicy policy = options.badLines();
    return textLines(sc, path, 0)
        .mapPartitionsWithInputSplit(
            (split, lines) -> {
              String file = ((FileSplit) split).getPath().toString();
              List<RawEdge<K>> out = new ArrayList<>();
              while (lines.hasNext()) {
                Tuple2<LongWritable, Text> line = lines.next();
                String[] fields = EdgeLineParser.fields(line._2().toString());
                if (fields != null) {
                  out.add(parseNode(fields, ids, policy, file, line._1().get()));
                }
              }
              return out.iterator();
            },
            true);
  }

  private static <K> RawEdge<K> parseNode(
      String[] fields, IdParser<K> ids, BadLinePolicy policy, String file, long offset) {
    try {
      return RawEdge.node(ids.parse(fields[0]));
    } catch (EdgeLineParser.LineParseException e) {
      if (policy == BadLinePolicy.SKIP) {
        return RawEdge.skipped();
      }
      throw new InputFormatException(file, offset, -1, e.getMessage() + SKIP_HINT);
    }
  }

  /** Reads text lines with their byte offsets, in at least {@code minPartitions} splits. */
  @SuppressWarnings("unchecked")
  private static JavaNewHadoopRDD<LongWritable, Text> textLines(
      JavaSparkContext sc, String path, int minPartitions) {
    Configuration conf = new Configuration(sc.hadoopConfiguration());
    if (minPartitions > 0) {
      long bytes = inputBytes(conf, path);
      long maxSplit = Math.max(1L, (bytes + minPartitions - 1) / minPartitions);
      conf.setLong(FileInputFormat.SPLIT_MAXSIZE, maxSplit);
    }
    return (JavaNewHadoopRDD<LongWritable, Text>)
        sc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf);
  }

  private static long inputBytes(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf).getContentSummary(p).getLength();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read input " + path + ": " + e.getMessage(), e);
    }
  }

  private static <K> JavaRDD<RawEdge<K>> readParquet(
      SparkSession spark, String path, EdgeListOptions options, IdParser<K> ids) {
    Dataset<Row> table = spark.read().parquet(path);
    List<String> columns = Arrays.asList(table.columns());
    if (!columns.contains("src") || !columns.contains("dst")) {
      throw new IllegalArgumentException(
          "Parquet input " + path + " must have columns src and dst (and optionally weight) but has "
              + columns);
    }
    Column weight =
        columns.contains("weight") ? functions.col("weight").cast("double") : functions.lit(1.0);
    Dataset<Row> selected =
        table.select(
            functions.col("src").cast("string"),
            functions.col("dst").cast("string"),
            weight,
            functions.input_file_name());
    BadLinePolicy policy = options.badLines();
    return selected.javaRDD().map(row -> parseParquetRow(row, ids, policy));
  }

  private static <K> RawEdge<K> parseParquetRow(Row row, IdParser<K> ids, BadLinePolicy policy) {
    try {
      if (row.isNullAt(0) || row.isNullAt(1)) {
        throw new EdgeLineParser.LineParseException("src or dst is null in row " + row);
      }
      if (row.isNullAt(2)) {
        throw new EdgeLineParser.LineParseException("weight is null in row " + row);
      }
      double weight = row.getDouble(2);
      EdgeLineParser.checkWeight(weight, Double.toString(weight));
      return RawEdge.edge(ids.parse(row.getString(0)), ids.parse(row.getString(1)), weight);
    } catch (EdgeLineParser.LineParseException e) {
      if (policy == BadLinePolicy.SKIP) {
        return RawEdge.skipped();
      }
      throw new InputFormatException(
          row.getString(3), -1, -1, e.getMessage() + " (record " + row.mkString(", ") + ")" + SKIP_HINT);
    }
  }

  // ---------------------------------------------------------------- indexing

  private static <K extends Comparable<K>> LoadedGraph index(
      JavaSparkContext sc, JavaRDD<RawEdge<K>> records, EdgeListOptions options, boolean numeric) {
    records.persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<K> distinctIds = null;
    try {
      long[] counts = countKinds(records);
      int partitions = Math.max(1, records.getNumPartitions());

      // Self-loops and declared nodes count as nodes.
      distinctIds =
          records
              .filter(r -> r.kind != RawEdge.Kind.SKIPPED)
              .flatMap(r -> r.isSelfLoop() || r.kind == RawEdge.Kind.NODE
                  ? List.of(r.u).iterator()
                  : List.of(r.u, r.v).iterator())
              .distinct(partitions)
              .persist(StorageLevel.MEMORY_AND_DISK());
      long numNodes = distinctIds.count();

      Indexed indexed =
          numNodes <= driverIndexLimit
              ? indexOnDriver(sc, records, distinctIds, partitions)
              : indexByJoin(records, distinctIds, partitions);
      JavaRDD<WeightedEdge> edges = merge(indexed.pairs(), options.merge(), partitions);
      edges.persist(StorageLevel.MEMORY_AND_DISK());
      long numEdges = edges.count();
      long connected = edges.flatMap(e -> List.of(e.src(), e.dst()).iterator()).distinct().count();

      LoadStats stats =
          new LoadStats(
              counts[0], counts[1], counts[2] - numEdges, counts[3], numNodes - connected);
      return new LoadedGraph(edges, numNodes, numEdges, indexed.nodeIds(), numeric, stats);
    } finally {
      records.unpersist(false);
      if (distinctIds != null) {
        distinctIds.unpersist(false);
      }
    }
  }

  /**
   * The largest n for which the sorted node ids are collected to the driver and broadcast, which
   * saves two shuffles of the edge list. Above it, two joins index the endpoints. At the default of
   * 20 million ids, the driver and each executor hold up to about 0.5 GB of boxed 64-bit ids.
   */
  static final long DEFAULT_DRIVER_INDEX_LIMIT = 20_000_000L;

  private static long driverIndexLimit = DEFAULT_DRIVER_INDEX_LIMIT;

  /** Sets the limit above which ids are indexed by joins; tests use it to cover both paths. */
  static void setDriverIndexLimit(long limit) {
    driverIndexLimit = limit;
  }

  /** Edge endpoints as dense index pairs (smaller first) with weights, and the index to id map. */
  private record Indexed(
      JavaPairRDD<Tuple2<Long, Long>, Double> pairs, JavaPairRDD<Long, String> nodeIds) {}

  private static <K extends Comparable<K>> Indexed indexOnDriver(
      JavaSparkContext sc, JavaRDD<RawEdge<K>> records, JavaRDD<K> distinctIds, int partitions) {
    List<K> ids = new ArrayList<>(distinctIds.collect());
    Collections.sort(ids);
    Broadcast<Object[]> sorted = sc.broadcast(ids.toArray());
    JavaPairRDD<Tuple2<Long, Long>, Double> pairs =
        records
            .filter(r -> r.kind == RawEdge.Kind.EDGE && !r.isSelfLoop())
            .mapToPair(
                r -> {
                  long a = Arrays.binarySearch(sorted.value(), r.u);
                  long b = Arrays.binarySearch(sorted.value(), r.v);
                  return new Tuple2<>(new Tuple2<>(Math.min(a, b), Math.max(a, b)), r.weight);
                });
    int n = ids.size();
    JavaPairRDD<Long, String> nodeIds =
        sc.parallelize(sliceNumbers(partitions), partitions)
            .flatMapToPair(
                slice -> {
                  List<Tuple2<Long, String>> out = new ArrayList<>();
                  Object[] all = sorted.value();
                  for (long i = (long) n * slice / partitions; i < (long) n * (slice + 1) / partitions; i++) {
                    out.add(new Tuple2<>(i, all[(int) i].toString()));
                  }
                  return out.iterator();
                });
    return new Indexed(pairs, nodeIds);
  }

  private static List<Integer> sliceNumbers(int slices) {
    List<Integer> numbers = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      numbers.add(i);
    }
    return numbers;
  }

  private static <K extends Comparable<K>> Indexed indexByJoin(
      JavaRDD<RawEdge<K>> records, JavaRDD<K> distinctIds, int partitions) {
    JavaPairRDD<K, Long> indexById =
        distinctIds.sortBy(id -> id, true, partitions).zipWithIndex();
    JavaPairRDD<K, Tuple2<K, Double>> bySource =
        records
            .filter(r -> r.kind == RawEdge.Kind.EDGE && !r.isSelfLoop())
            .mapToPair(r -> new Tuple2<>(r.u, new Tuple2<>(r.v, r.weight)));
    JavaPairRDD<K, Tuple2<Long, Double>> byTarget =
        bySource
            .join(indexById, partitions)
            .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(t._2()._2(), t._2()._1()._2())));
    JavaPairRDD<Tuple2<Long, Long>, Double> pairs =
        byTarget
            .join(indexById, partitions)
            .mapToPair(
                t -> {
                  long a = t._2()._1()._1();
                  long b = t._2()._2();
                  return new Tuple2<>(
                      new Tuple2<>(Math.min(a, b), Math.max(a, b)), t._2()._1()._2());
                });
    JavaPairRDD<Long, String> nodeIds =
        indexById.mapToPair(t -> new Tuple2<>(t._2(), t._1().toString()));
    return new Indexed(pairs, nodeIds);
  }

  private static JavaRDD<WeightedEdge> merge(
      JavaPairRDD<Tuple2<Long, Long>, Double> pairs, MergeRule rule, int partitions) {
    JavaPairRDD<Tuple2<Long, Long>, Double> merged =
        rule == MergeRule.SUM
            ? pairs.reduceByKey(Double::sum, partitions)
            : pairs.reduceByKey(Math::max, partitions);
    return merged.map(t -> new WeightedEdge(t._1()._1(), t._1()._2(), t._2()));
  }

  /** Counts data lines, self-loops, non-loop edge lines and skipped lines, in that order. */
  private static <K> long[] countKinds(JavaRDD<RawEdge<K>> records) {
    return records.aggregate(
        new long[4],
        (acc, r) -> {
          if (r.kind != RawEdge.Kind.NODE) {
            acc[0]++;
          }
          if (r.isSelfLoop()) {
            acc[1]++;
          } else if (r.kind == RawEdge.Kind.EDGE) {
            acc[2]++;
          } else if (r.kind == RawEdge.Kind.SKIPPED) {
            acc[3]++;
          }
          return acc;
        },
        (a, b) -> {
          for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
          }
          return a;
        });
  }

  // ---------------------------------------------------------------- errors

  /**
   * Finds an {@link InputFormatException} among the causes of a failed Spark job and returns it
   * with its line number, which only the driver can compute from the byte offset.
   */
  static Exception withLineNumber(Exception failure, Configuration conf) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InputFormatException) {
        InputFormatException e = (InputFormatException) t;
        if (e.byteOffset() < 0 || e.lineNumber() > 0) {
          return e;
        }
        return e.withLineNumber(lineNumberOrUnknown(conf, e));
      }
    }
    return failure;
  }

  private static long lineNumberOrUnknown(Configuration conf, InputFormatException e) {
    try {
      return LineNumbers.lineNumberAt(conf, new Path(e.file()), e.byteOffset());
    } catch (IOException notReadable) {
      e.addSuppressed(notReadable);
      return -1;
    }
  }
}
