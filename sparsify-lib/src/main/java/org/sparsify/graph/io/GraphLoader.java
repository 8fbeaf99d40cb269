package org.sparsify.graph.io;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.common.InputFormatException;
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
 * <p>Cost: one pass over the input, which is persisted (memory and disk), then one shuffle of the
 * node ids to find the distinct ones and one shuffle of the edge lines to merge duplicates. With
 * 64-bit ids both shuffles move primitive arrays, a few per task, and merging sorts them.
 * Up to {@link #DEFAULT_DRIVER_INDEX_LIMIT} nodes, the sorted ids are collected on the driver and
 * broadcast (driver and executor memory O(n)); above it, a distributed sort and two joins of the
 * edge list index the endpoints and the driver keeps nothing that grows with the graph. The
 * returned edge RDD is persisted (memory and disk); each of its partitions lists its edges in
 * ascending (src, dst) order. Merged weights do not depend on the partitioning: a sum adds the
 * listed weights in ascending order.
 */
public final class GraphLoader {

  private GraphLoader() {}

  /** Loads the graph at {@code path}; see the class documentation for the format and the rules. */
  public static LoadedGraph load(SparkSession spark, String path, EdgeListOptions options) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      if (options.idType() == IdType.LONG) {
        JavaRDD<RawEdge<Long>> records = readRecords(spark, path, options, new LongIds());
        return build(LongIdIndexer::index, sc, records, options, true);
      }
      JavaRDD<RawEdge<String>> records = readRecords(spark, path, options, new StringIds());
      return build(ComparableIdIndexer::index, sc, records, options, false);
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
  interface IdParser<K> extends Serializable {
    K parse(String field);

    /** Parses field {@code i} of a split text line. */
    K parse(EdgeLineParser.Fields fields, int i);
  }

  private static final class LongIds implements IdParser<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long parse(String field) {
      return EdgeLineParser.parseLongId(field);
    }

    @Override
    public Long parse(EdgeLineParser.Fields fields, int i) {
      return fields.parseLongId(i);
    }
  }

  private static final class StringIds implements IdParser<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String parse(String field) {
      return field;
    }

    @Override
    public String parse(EdgeLineParser.Fields fields, int i) {
      return fields.get(i);
    }
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
              boolean firstSplit = fileSplit.getStart() == 0;
              LineParser<K> parser =
                  (fields, firstDataLine, offset) -> {
                    boolean header =
                        firstDataLine && (headerPresent || (autoHeader && looksLikeHeader(fields)));
                    return header ? null : parseEdge(fields, ids, policy, file, offset);
                  };
              return new TextRecords<>(lines, firstSplit, parser);
            },
            true);
  }

  /** Parses one data line at byte {@code offset}; returns null to leave the line out (a header). */
  @FunctionalInterface
  private interface LineParser<K> {
    RawEdge<K> parse(EdgeLineParser.Fields fields, boolean firstDataLine, long offset);
  }

  /**
   * Parses the data lines of one input split lazily, so a partition's records are never all held
   * as objects at once. Blank and comment lines are passed over.
   */
  private static final class TextRecords<K> implements Iterator<RawEdge<K>> {
    private final Iterator<Tuple2<LongWritable, Text>> lines;
    private final LineParser<K> parser;
    private final EdgeLineParser.Fields fields = new EdgeLineParser.Fields();
    private boolean firstDataLine;
    private RawEdge<K> next;

    TextRecords(Iterator<Tuple2<LongWritable, Text>> lines, boolean firstSplit, LineParser<K> parser) {
      this.lines = lines;
      this.parser = parser;
      this.firstDataLine = firstSplit;
    }

    @Override
    public boolean hasNext() {
      while (next == null && lines.hasNext()) {
        Tuple2<LongWritable, Text> line = lines.next();
        Text text = line._2();
        if (fields.split(text.getBytes(), text.getLength())) {
          next = parser.parse(fields, firstDataLine, line._1().get());
          firstDataLine = false;
        }
      }
      return next != null;
    }

    @Override
    public RawEdge<K> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RawEdge<K> record = next;
      next = null;
      return record;
    }
  }

  private static boolean looksLikeHeader(EdgeLineParser.Fields fields) {
    return fields.count() >= 2 && !(fields.isLongId(0) && fields.isLongId(1));
  }

  private static <K> RawEdge<K> parseEdge(
      EdgeLineParser.Fields fields, IdParser<K> ids, BadLinePolicy policy, String file, long offset) {
    try {
      EdgeLineParser.checkEdgeFieldCount(fields);
      K u = ids.parse(fields, 0);
      K v = ids.parse(fields, 1);
      double weight = fields.count() == 3 ? fields.parseWeight(2) : 1.0;
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
              LineParser<K> parser =
                  (fields, firstDataLine, offset) -> parseNode(fields, ids, policy, file, offset);
              return new TextRecords<>(lines, false, parser);
            },
            true);
  }

  private static <K> RawEdge<K> parseNode(
      EdgeLineParser.Fields fields, IdParser<K> ids, BadLinePolicy policy, String file, long offset) {
    try {
      return RawEdge.node(ids.parse(fields, 0));
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

  // ---------------------------------------------------------------- indexing and merging

  /**
   * Edge lines on dense indices, before duplicates are merged, with what the statistics need.
   *
   * @param edges edge lines between two different nodes, in blocks
   * @param counts data lines, self-loops, edge lines between two different nodes, skipped lines
   * @param connectedNodes nodes on at least one edge between two different nodes
   */
  record Indexed(
      JavaRDD<IndexedEdges> edges,
      JavaPairRDD<Long, String> nodeIds,
      long numNodes,
      long connectedNodes,
      long[] counts) {}

  /** Turns records into indexed edge blocks; one implementation per id type. */
  @FunctionalInterface
  interface Indexer<K> {
    Indexed index(JavaSparkContext sc, JavaRDD<RawEdge<K>> records, int partitions, List<RDD<?>> persisted);
  }

  private static <K> LoadedGraph build(
      Indexer<K> indexer,
      JavaSparkContext sc,
      JavaRDD<RawEdge<K>> records,
      EdgeListOptions options,
      boolean numeric) {
    List<RDD<?>> persisted = new ArrayList<>();
    try {
      int partitions = Math.max(1, records.getNumPartitions());
      Indexed indexed = indexer.index(sc, records, partitions, persisted);
      long[] counts = indexed.counts();
      long neededPartitions = counts[2] / MAX_LINES_PER_MERGE_PARTITION + 1;
      int mergePartitions = (int) Math.min(Integer.MAX_VALUE, Math.max(partitions, neededPartitions));
      JavaRDD<WeightedEdge> edges = merge(indexed.edges(), options.merge(), mergePartitions);
      edges.persist(StorageLevel.MEMORY_AND_DISK());
      long numEdges = edges.count();

      LoadStats stats =
          new LoadStats(
              counts[0], counts[1], counts[2] - numEdges, counts[3],
              indexed.numNodes() - indexed.connectedNodes());
      return new LoadedGraph(edges, indexed.numNodes(), numEdges, indexed.nodeIds(), numeric, stats);
    } finally {
      for (RDD<?> rdd : persisted) {
        rdd.unpersist(false);
      }
    }
  }

  /**
   * The maximum number of edge lines that one merge task sorts. Each line takes 24 bytes in the
   * merge arrays, so a task keeps about 100 MB of them, twice that while it copies the blocks it
   * received.
   */
  static final long MAX_LINES_PER_MERGE_PARTITION = 4_000_000L;

  /**
   * Merges the edge lines of each undirected edge into one edge in a single shuffle: every block
   * splits into one block per merge partition, and each merge partition sorts its lines.
   */
  private static JavaRDD<WeightedEdge> merge(JavaRDD<IndexedEdges> blocks, MergeRule rule, int partitions) {
    return blocks
        .flatMapToPair(block -> block.splitByBucket(partitions).iterator())
        .partitionBy(new HashPartitioner(partitions))
        .mapPartitions(bucket -> IndexedEdges.concat(new Values<>(bucket)).sortAndMerge(rule));
  }

  /** The values of an iterator of pairs. */
  private record Values<V>(Iterator<? extends Tuple2<?, V>> pairs) implements Iterator<V> {
    @Override
    public boolean hasNext() {
      return pairs.hasNext();
    }

    @Override
    public V next() {
      return pairs.next()._2();
    }
  }

  /** Adds the counts of {@code more} to {@code total} and returns {@code total}. */
  static long[] addCounts(long[] total, long[] more) {
    for (int i = 0; i < total.length; i++) {
      total[i] += more[i];
    }
    return total;
  }

  /**
   * The largest n for which the sorted node ids are collected to the driver and broadcast, which
   * saves a sort and two joins of the edge list. Above it, two joins index the endpoints. At the
   * default of 20 million 64-bit ids, the sorted ids take 160 MB on each executor and on the
   * driver, which briefly holds the collected blocks too (twice that). String ids take more.
   */
  static final long DEFAULT_DRIVER_INDEX_LIMIT = 20_000_000L;

  private static long driverIndexLimit = DEFAULT_DRIVER_INDEX_LIMIT;

  /** Sets the limit above which ids are indexed by joins; tests use it to cover both paths. */
  static void setDriverIndexLimit(long limit) {
    driverIndexLimit = limit;
  }

  static long driverIndexLimit() {
    return driverIndexLimit;
  }

  /** The node id at a dense index, as written in the input. */
  @FunctionalInterface
  interface IdAtIndex extends Serializable {
    String idAt(int index);
  }

  /** Returns the index to id map of n nodes in {@code partitions} slices, built on the executors. */
  static JavaPairRDD<Long, String> nodeIdsByIndex(
      JavaSparkContext sc, IdAtIndex ids, int n, int partitions) {
    return sc.parallelize(sliceNumbers(partitions), partitions)
        .flatMapToPair(
            slice -> {
              List<Tuple2<Long, String>> out = new ArrayList<>();
              for (long i = (long) n * slice / partitions; i < (long) n * (slice + 1) / partitions; i++) {
                out.add(new Tuple2<>(i, ids.idAt((int) i)));
              }
              return out.iterator();
            });
  }

  private static List<Integer> sliceNumbers(int slices) {
    List<Integer> numbers = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      numbers.add(i);
    }
    return numbers;
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
