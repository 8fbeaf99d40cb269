package org.sparsify.graph.io;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Indexes node ids of any comparable type (string ids), one record per line: a shuffle finds the
 * distinct ids, then either the sorted ids are broadcast from the driver or, above {@link
 * GraphLoader#driverIndexLimit()} ids, a distributed sort and two joins index the endpoints. The
 * join path also serves 64-bit ids above the limit.
 */
final class ComparableIdIndexer {

  private ComparableIdIndexer() {}

  static <K extends Comparable<K>> GraphLoader.Indexed index(
      JavaSparkContext sc, JavaRDD<RawEdge<K>> records, int partitions, List<RDD<?>> persisted) {
    records.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(records.rdd());
    long[] counts = countKinds(records);

    // Every id once, flagged if it lies on an edge between two different nodes. Self-loops and
    // declared nodes count as nodes but do not connect them.
    JavaPairRDD<K, Boolean> distinctIds =
        records
            .filter(r -> r.kind != RawEdge.Kind.SKIPPED)
            .flatMapToPair(r -> r.isSelfLoop() || r.kind == RawEdge.Kind.NODE
                ? List.of(new Tuple2<>(r.u, false)).iterator()
                : List.of(new Tuple2<>(r.u, true), new Tuple2<>(r.v, true)).iterator())
            .reduceByKey(Boolean::logicalOr, partitions)
            .persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(distinctIds.rdd());
    long numNodes = distinctIds.count();
    long connected = distinctIds.filter(Tuple2::_2).count();

    JavaRDD<RawEdge<K>> edgeLines = records.filter(r -> r.kind == RawEdge.Kind.EDGE && !r.isSelfLoop());
    Endpoints endpoints =
        numNodes <= GraphLoader.driverIndexLimit()
            ? indexOnDriver(sc, edgeLines, distinctIds.keys(), partitions)
            : indexByJoin(edgeLines, distinctIds.keys(), partitions);
    return new GraphLoader.Indexed(endpoints.edges(), endpoints.nodeIds(), numNodes, connected, counts);
  }

  /** Edge lines on dense indices, and the index to id map. */
  record Endpoints(JavaRDD<IndexedEdges> edges, JavaPairRDD<Long, String> nodeIds) {}

  private static <K extends Comparable<K>> Endpoints indexOnDriver(
      JavaSparkContext sc, JavaRDD<RawEdge<K>> edgeLines, JavaRDD<K> distinctIds, int partitions) {
    Object[] ids = distinctIds.collect().toArray();
    Arrays.sort(ids);
    Broadcast<Object[]> sorted = sc.broadcast(ids);
    JavaRDD<IndexedEdges> edges =
        edgeLines.mapPartitions(
            lines -> {
              Object[] index = sorted.value();
              IndexedEdges block = new IndexedEdges(1024);
              while (lines.hasNext()) {
                RawEdge<K> r = lines.next();
                block.add(Arrays.binarySearch(index, r.u), Arrays.binarySearch(index, r.v), r.weight);
              }
              return List.of(block).iterator();
            });
    JavaPairRDD<Long, String> nodeIds =
        GraphLoader.nodeIdsByIndex(sc, i -> sorted.value()[i].toString(), ids.length, partitions);
    return new Endpoints(edges, nodeIds);
  }

  /** Indexes the endpoints of {@code edgeLines} with a distributed sort of the ids and two joins. */
  static <K extends Comparable<K>> Endpoints indexByJoin(
      JavaRDD<RawEdge<K>> edgeLines, JavaRDD<K> distinctIds, int partitions) {
    JavaPairRDD<K, Long> indexById =
        distinctIds.sortBy(id -> id, true, partitions).zipWithIndex();
    JavaPairRDD<K, Tuple2<K, Double>> bySource =
        edgeLines.mapToPair(r -> new Tuple2<>(r.u, new Tuple2<>(r.v, r.weight)));
    JavaPairRDD<K, Tuple2<Long, Double>> byTarget =
        bySource
            .join(indexById, partitions)
            .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(t._2()._2(), t._2()._1()._2())));
    JavaRDD<IndexedEdges> edges =
        byTarget
            .join(indexById, partitions)
            .values()
            .mapPartitions(ComparableIdIndexer::toBlock);
    JavaPairRDD<Long, String> nodeIds =
        indexById.mapToPair(t -> new Tuple2<>(t._2(), t._1().toString()));
    return new Endpoints(edges, nodeIds);
  }

  /** Collects ((source index, weight), target index) pairs into one block. */
  private static Iterator<IndexedEdges> toBlock(Iterator<Tuple2<Tuple2<Long, Double>, Long>> pairs) {
    IndexedEdges block = new IndexedEdges(1024);
    while (pairs.hasNext()) {
      Tuple2<Tuple2<Long, Double>, Long> pair = pairs.next();
      block.add(pair._1()._1(), pair._2(), pair._1()._2());
    }
    return List.of(block).iterator();
  }

  /** Counts data lines, self-loops, edge lines between two different nodes and skipped lines. */
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
        GraphLoader::addCounts);
  }
}
