package org.sparsify.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsify.common.InputFormatException;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.testing.LocalSpark;
import org.sparsify.testing.TestData;

class GraphLoaderTest {

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

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private LoadedGraph load(Path file) {
    return GraphLoader.load(spark, file.toString(), EdgeListOptions.defaults());
  }

  private static List<WeightedEdge> sortedEdges(LoadedGraph graph) {
    return graph.edges().collect().stream()
        .sorted((a, b) -> a.src() != b.src() ? Long.compare(a.src(), b.src()) : Long.compare(a.dst(), b.dst()))
        .collect(Collectors.toList());
  }

  private static Map<Long, String> ids(LoadedGraph graph) {
    return new TreeMap<>(graph.nodeIds().collectAsMap());
  }

  @Test
  void twoTrianglesAndIsolatedNodeFromSelfLoop() throws IOException {
    LoadedGraph g = load(write("g.txt", "0 1\n1 2\n2 0\n3 4\n4 5\n5 3\n6 6\n"));
    assertEquals(7, g.numNodes());
    assertEquals(6, g.numEdges());
    assertEquals(1, g.stats().selfLoopsDropped());
    assertEquals(1, g.stats().isolatedNodes());
  }

  @Test
  void fourNodesSingleEdgeWithNodeList() throws IOException {
    Path nodes = write("nodes.txt", "# all nodes\n0\n1\n2\n3\n");
    LoadedGraph g = GraphLoader.load(spark, write("g.txt", "0 1\n").toString(),
        EdgeListOptions.defaults().withNodesPath(nodes.toString()));
    assertEquals(4, g.numNodes());
    assertEquals(1, g.numEdges());
    assertEquals(2, g.stats().isolatedNodes());
  }

  @Test
  void negativeWeightFailsNamingFileLineAndValue() throws IOException {
    Path file = write("tri.txt", "# triangle\n0 1 1.0\n1 2 -1\n2 0 1.0\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> load(file));
    assertEquals(3, e.lineNumber());
    assertTrue(e.getMessage().contains("tri.txt"), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("'-1'"), e.getMessage());
    assertTrue(e.getMessage().contains("--bad-lines skip"), e.getMessage());
  }

  @Test
  void negativeWeightSkippedAndCounted() throws IOException {
    Path file = write("tri.txt", "0 1 1.0\n1 2 -1\n2 0 1.0\n");
    LoadedGraph g = GraphLoader.load(spark, file.toString(),
        EdgeListOptions.defaults().withBadLines(BadLinePolicy.SKIP));
    assertEquals(2, g.numEdges());
    assertEquals(1, g.stats().linesSkipped());
    assertEquals(3, g.numNodes());
  }

  @Test
  void selfLoopDroppedAndCounted() throws IOException {
    LoadedGraph g = load(write("g.txt", "0 0\n0 1\n1 2\n"));
    assertEquals(3, g.numNodes());
    assertEquals(2, g.numEdges());
    assertEquals(1, g.stats().selfLoopsDropped());
    assertEquals(0, g.stats().isolatedNodes());
  }

  @Test
  void edgeListedTwiceInBothDirectionsMergesToOne() throws IOException {
    LoadedGraph g = load(write("g.txt", "0 1 2.0\n1 0 3.0\n0 1 1.0\n1 0 2.5\n"));
    assertEquals(1, g.numEdges());
    assertEquals(3, g.stats().duplicatesMerged());
    assertEquals(List.of(new WeightedEdge(0, 1, 3.0)), sortedEdges(g));

    LoadedGraph summed = GraphLoader.load(spark, dir.resolve("g.txt").toString(),
        EdgeListOptions.defaults().withMerge(EdgeListOptions.MergeRule.SUM));
    assertEquals(8.5, sortedEdges(summed).get(0).weight(), 1e-12);
  }

  @Test
  void directedArcsBecomeUndirectedEdges() throws IOException {
    LoadedGraph g = load(write("g.txt", "0 1\n1 2\n"));
    assertEquals(3, g.numNodes());
    assertEquals(List.of(new WeightedEdge(0, 1, 1.0), new WeightedEdge(1, 2, 1.0)), sortedEdges(g));
    assertEquals(0, g.stats().duplicatesMerged());
  }

  @Test
  void largeAndNegativeIdsIndexedInOrder() throws IOException {
    LoadedGraph g = load(write("g.txt", "1099511627777 1099511627778\n1099511627778 -5\n"));
    assertEquals(3, g.numNodes());
    assertEquals(Map.of(0L, "-5", 1L, "1099511627777", 2L, "1099511627778"), ids(g));
    assertEquals(List.of(new WeightedEdge(0, 2, 1.0), new WeightedEdge(1, 2, 1.0)), sortedEdges(g));
  }

  @Test
  void consecutiveAndExtremeIdRanges() throws IOException {
    LoadedGraph consecutive = load(write("run.txt", "-3 -1\n-2 0\n0 -3 2\n"));
    assertEquals(Map.of(0L, "-3", 1L, "-2", 2L, "-1", 3L, "0"), ids(consecutive));
    assertEquals(List.of(new WeightedEdge(0, 2, 1.0), new WeightedEdge(0, 3, 2.0), new WeightedEdge(1, 3, 1.0)),
        sortedEdges(consecutive));

    LoadedGraph extreme = load(write("extreme.txt", Long.MIN_VALUE + " " + Long.MAX_VALUE + "\n"));
    assertEquals(Map.of(0L, Long.toString(Long.MIN_VALUE), 1L, Long.toString(Long.MAX_VALUE)), ids(extreme));
    assertEquals(List.of(new WeightedEdge(0, 1, 1.0)), sortedEdges(extreme));
  }

  @Test
  void csvHeaderCrlfCommentsAndMixedSeparators() throws IOException {
    LoadedGraph g = load(write("g.csv", "id_1,id_2\r\n% comment\r\n0,1\r\n1\t2\r\n\r\n2 3 0.5\r\n"));
    assertEquals(4, g.numNodes());
    assertEquals(3, g.numEdges());
    assertEquals(3, g.stats().lines());
  }

  @Test
  void nonNumericIdFailsWithLineAndHint() throws IOException {
    Path file = write("g.txt", "0 1\n1 x2\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> load(file));
    assertEquals(2, e.lineNumber());
    assertTrue(e.getMessage().contains("'x2'"), e.getMessage());
    assertTrue(e.getMessage().contains("--id-type string"), e.getMessage());
  }

  @Test
  void wrongFieldCountFailsWithLine() throws IOException {
    Path file = write("g.txt", "0 1\n1 2\n2 3 1.0 1999\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> load(file));
    assertEquals(3, e.lineNumber());
    assertTrue(e.getMessage().contains("found 4"), e.getMessage());
  }

  @Test
  void nanAndInfiniteWeightsFail() throws IOException {
    for (String weight : List.of("NaN", "Infinity", "0")) {
      Path file = write("w-" + weight + ".txt", "0 1 1\n1 2 " + weight + "\n");
      InputFormatException e = assertThrows(InputFormatException.class, () -> load(file));
      assertEquals(2, e.lineNumber(), e.getMessage());
      assertTrue(e.getMessage().contains("'" + weight + "'"), e.getMessage());
    }
  }

  @Test
  void lineNumberFoundInLaterSplit() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append(i).append(' ').append(i + 1).append('\n');
    }
    text.append("5000 oops\n");
    Path file = write("long.txt", text.toString());
    InputFormatException e = assertThrows(InputFormatException.class,
        () -> GraphLoader.load(spark, file.toString(), EdgeListOptions.defaults().withMinPartitions(8)));
    assertEquals(5001, e.lineNumber());
  }

  @Test
  void stringIds() throws IOException {
    LoadedGraph g = GraphLoader.load(spark, write("g.txt", "alice bob\nbob carol\ncarol alice\n").toString(),
        EdgeListOptions.defaults().withIdType(EdgeListOptions.IdType.STRING));
    assertEquals(3, g.numNodes());
    assertEquals(3, g.numEdges());
    assertEquals(Map.of(0L, "alice", 1L, "bob", 2L, "carol"), ids(g));
  }

  @Test
  void parquetInputWithWeights() {
    StructType schema = new StructType()
        .add("src", DataTypes.LongType).add("dst", DataTypes.LongType).add("weight", DataTypes.DoubleType);
    List<Row> rows = List.of(RowFactory.create(10L, 20L, 2.0), RowFactory.create(20L, 10L, 1.0),
        RowFactory.create(20L, 30L, 0.5), RowFactory.create(30L, 30L, 1.0));
    String path = dir.resolve("edges.parquet").toString();
    spark.createDataFrame(rows, schema).write().parquet(path);

    LoadedGraph g = GraphLoader.load(spark, path, EdgeListOptions.defaults());
    assertEquals(3, g.numNodes());
    assertEquals(2, g.numEdges());
    assertEquals(1, g.stats().selfLoopsDropped());
    assertEquals(1, g.stats().duplicatesMerged());
    assertEquals(List.of(new WeightedEdge(0, 1, 2.0), new WeightedEdge(1, 2, 0.5)), sortedEdges(g));
  }

  @Test
  void parquetWithoutEndpointColumnsFails() {
    String path = dir.resolve("bad.parquet").toString();
    Dataset<Row> table = spark.createDataFrame(List.of(RowFactory.create(1L, 2L)),
        new StructType().add("from", DataTypes.LongType).add("to", DataTypes.LongType));
    table.write().parquet(path);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GraphLoader.load(spark, path, EdgeListOptions.defaults()));
    assertTrue(e.getMessage().contains("src and dst"), e.getMessage());
    assertTrue(e.getMessage().contains("from"), e.getMessage());
  }

  @Test
  void parquetNegativeWeightFailsNamingFileAndValue() {
    String path = dir.resolve("neg.parquet").toString();
    StructType schema = new StructType()
        .add("src", DataTypes.LongType).add("dst", DataTypes.LongType).add("weight", DataTypes.DoubleType);
    spark.createDataFrame(List.of(RowFactory.create(1L, 2L, -3.0)), schema).write().parquet(path);
    InputFormatException e = assertThrows(InputFormatException.class,
        () -> GraphLoader.load(spark, path, EdgeListOptions.defaults()));
    assertTrue(e.getMessage().contains("neg.parquet"), e.getMessage());
    assertTrue(e.getMessage().contains("-3.0"), e.getMessage());
  }

  @Test
  void sameIndicesAtAnyPartitionCount() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      text.append(i * 7919L % 100_003).append(' ').append(i * 104_729L % 99_991).append('\n');
    }
    Path file = write("g.txt", text.toString());
    LoadedGraph one = load(file);
    LoadedGraph many = GraphLoader.load(spark, file.toString(), EdgeListOptions.defaults().withMinPartitions(16));
    assertTrue(many.edges().getNumPartitions() > 1);
    assertEquals(sortedEdges(one), sortedEdges(many));
    assertEquals(ids(one), ids(many));
  }

  @Test
  void joinIndexingMatchesDriverIndexing() throws IOException {
    Path numeric = write("numeric.txt", "1099511627777 1099511627778\n1099511627778 -5\n-5 -5\n7 7\n-5 1099511627777 2\n");
    Path strings = write("strings.txt", "b a\nc b\na c 3\nd d\n");
    EdgeListOptions stringIds = EdgeListOptions.defaults().withIdType(EdgeListOptions.IdType.STRING);
    LoadedGraph numericByDriver = load(numeric);
    LoadedGraph stringsByDriver = GraphLoader.load(spark, strings.toString(), stringIds);
    GraphLoader.setDriverIndexLimit(0);
    try {
      LoadedGraph numericByJoin = load(numeric);
      LoadedGraph stringsByJoin = GraphLoader.load(spark, strings.toString(), stringIds);
      assertEquals(sortedEdges(numericByDriver), sortedEdges(numericByJoin));
      assertEquals(ids(numericByDriver), ids(numericByJoin));
      assertEquals(numericByDriver.stats(), numericByJoin.stats());
      assertEquals(sortedEdges(stringsByDriver), sortedEdges(stringsByJoin));
      assertEquals(ids(stringsByDriver), ids(stringsByJoin));
      assertEquals(stringsByDriver.stats(), stringsByJoin.stats());
    } finally {
      GraphLoader.setDriverIndexLimit(GraphLoader.DEFAULT_DRIVER_INDEX_LIMIT);
    }
    assertEquals(4, numericByDriver.numNodes());
    assertEquals(1, numericByDriver.stats().isolatedNodes());
    assertEquals(Map.of(0L, "a", 1L, "b", 2L, "c", 3L, "d"), ids(stringsByDriver));
  }

  @Test
  void mergeSameAtAnyPartitionCount() throws IOException {
    StringBuilder text = new StringBuilder();
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    for (int i = 0; i < 6000; i++) {
      long u = random.nextInt(400) * 1_000_003L - 7;
      long v = random.nextInt(400) * 1_000_003L - 7;
      text.append(u).append(i % 2 == 0 ? ' ' : ',').append(v).append(' ').append(0.1 + random.nextInt(90) / 9.0)
          .append('\n');
    }
    Path file = write("weighted.txt", text.toString());
    for (EdgeListOptions.MergeRule rule : EdgeListOptions.MergeRule.values()) {
      EdgeListOptions options = EdgeListOptions.defaults().withMerge(rule);
      LoadedGraph one = GraphLoader.load(spark, file.toString(), options.withMinPartitions(1));
      LoadedGraph many = GraphLoader.load(spark, file.toString(), options.withMinPartitions(9));
      GraphLoader.setDriverIndexLimit(0);
      LoadedGraph joined;
      try {
        joined = GraphLoader.load(spark, file.toString(), options.withMinPartitions(5));
      } finally {
        GraphLoader.setDriverIndexLimit(GraphLoader.DEFAULT_DRIVER_INDEX_LIMIT);
      }
      assertTrue(one.stats().duplicatesMerged() > 0, rule + ": the input should list edges more than once");
      assertTrue(one.stats().selfLoopsDropped() > 0, rule + ": the input should have self-loops");
      assertEquals(sortedEdges(one), sortedEdges(many), rule.name());
      assertEquals(sortedEdges(one), sortedEdges(joined), rule.name());
      assertEquals(one.stats(), many.stats(), rule.name());
      assertEquals(one.stats(), joined.stats(), rule.name());
      assertEquals(ids(one), ids(joined), rule.name());
    }
  }

  @Test
  void emailEuCoreHasPublishedShape() {
    Path file = TestData.require("email-Eu-core/email-Eu-core.txt");
    LoadedGraph g = load(file);
    assertEquals(1005, g.numNodes());
    assertEquals(16064, g.numEdges());
    assertEquals(642, g.stats().selfLoopsDropped());
    assertEquals(19, g.stats().isolatedNodes());
    assertEquals(25571, g.stats().lines());
  }

  @Test
  void facebookPageGraphHasPublishedShape() {
    Path file = TestData.require("facebook-page-page/musae_facebook_edges.csv");
    LoadedGraph g = load(file);
    assertEquals(22470, g.numNodes());
    assertEquals(179, g.stats().selfLoopsDropped());
    assertEquals(171002 - 179, g.numEdges());
    assertEquals(0, g.stats().isolatedNodes());
  }
}
