package org.sparsify.graph.io;

import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Indexes 64-bit node ids with primitive arrays: each input partition becomes one persisted {@link
 * LongEdgeBlock}, one shuffle of id arrays finds the distinct ids, and up to {@link
 * GraphLoader#driverIndexLimit()} ids the driver sorts them into one array that it broadcasts for
 * a binary search of each endpoint. Above the limit, {@link ComparableIdIndexer#indexByJoin} indexes
 * the endpoints with a distributed sort and two joins.
 */
final class LongIdIndexer {

  private LongIdIndexer() {}

  static GraphLoader.Indexed index(
      JavaSparkContext sc, JavaRDD<RawEdge<Long>> records, int partitions, List<RDD<?>> persisted) {
    JavaRDD<LongEdgeBlock> blocks =
        records.mapPartitions(lines -> List.of(LongEdgeBlock.of(lines)).iterator(), true);
    blocks.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(blocks.rdd());
    long[] counts = blocks.map(LongEdgeBlock::counts).reduce(GraphLoader::addCounts);

    // One shuffle: each block sends each bucket its share of the ids, and each bucket unites them.
    JavaRDD<NodeIdBlock> distinctIds =
        blocks
            .flatMapToPair(block -> block.nodeIds().splitByBucket(partitions).iterator())
            .partitionBy(new HashPartitioner(partitions))
            .values()
            .mapPartitions(ids -> List.of(NodeIdBlock.union(ids)).iterator());
    distinctIds.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(distinctIds.rdd());
    long[] sizes =
        distinctIds
            .map(ids -> new long[] {ids.connected.length + (long) ids.other.length, ids.connected.length})
            .reduce(GraphLoader::addCounts);
    long numNodes = sizes[0];
    long connected = sizes[1];

    if (numNodes > GraphLoader.driverIndexLimit()) {
      JavaRDD<Long> ids = distinctIds.flatMap(block -> new IdIterator(block));
      JavaRDD<RawEdge<Long>> edgeLines = blocks.flatMap(LongEdgeBlock::edgeRecords);
      ComparableIdIndexer.Endpoints endpoints = ComparableIdIndexer.indexByJoin(edgeLines, ids, partitions);
      return new GraphLoader.Indexed(endpoints.edges(), endpoints.nodeIds(), numNodes, connected, counts);
    }
    long[] ids = NodeIdBlock.sortedIds(distinctIds.collect());
    Broadcast<long[]> sorted = sc.broadcast(ids);
    JavaRDD<IndexedEdges> edges = blocks.map(block -> block.toIndices(sorted.value()));
    JavaPairRDD<Long, String> nodeIds =
        GraphLoader.nodeIdsByIndex(sc, i -> Long.toString(sorted.value()[i]), ids.length, partitions);
    return new GraphLoader.Indexed(edges, nodeIds, numNodes, connected, counts);
  }

  /** The ids of a block, connected ones first. */
  private static final class IdIterator implements java.util.Iterator<Long> {
    private final NodeIdBlock block;
    private int next;

    IdIterator(NodeIdBlock block) {
      this.block = block;
    }

    @Override
    public boolean hasNext() {
      return next < block.connected.length + block.other.length;
    }

    @Override
    public Long next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      int i = next++;
      return i < block.connected.length ? block.connected[i] : block.other[i - block.connected.length];
    }
  }
}
