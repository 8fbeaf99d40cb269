package org.sparsify.gradient.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.common.SeededHash;
import org.sparsify.gradient.io.SparseExample;
import scala.Tuple2;

/**
 * Splits examples into W worker shards, one partition each.
 *
 * <p>Examples are sorted by (group, SeededHash(seed, id), id), where the group is 0 for i.i.d.
 * shards and the label for label-skewed shards, and the r-th of n examples goes to worker
 * ⌊r·W/n⌋. The split depends only on the seed and the example ids, not on the input partitioning.
 * Cost: one sort (a sampling job and a shuffle), one count, one shuffle into W partitions.
 */
final class Sharding {

  private Sharding() {}

  /** The sort key of an example. */
  record ShardKey(int group, long hash, long id) implements Comparable<ShardKey>, Serializable {
    @Override
    public int compareTo(ShardKey other) {
      int byGroup = Integer.compare(group, other.group);
      if (byGroup != 0) {
        return byGroup;
      }
      int byHash = Long.compare(hash, other.hash);
      return byHash != 0 ? byHash : Long.compare(id, other.id);
    }
  }

  /** Sends key w to partition w. */
  static final class WorkerPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int workers;

    WorkerPartitioner(int workers) {
      this.workers = workers;
    }

    @Override
    public int numPartitions() {
      return workers;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WorkerPartitioner p && p.workers == workers;
    }

    @Override
    public int hashCode() {
      return workers;
    }
  }

  /** Returns the shards, persisted at MEMORY_AND_DISK, one {@link WorkerShard} per partition. */
  static JavaRDD<WorkerShard> shard(
      JavaRDD<SparseExample> examples, long count, Partitioning partitioning, int workers, long seed) {
    boolean byLabel = partitioning == Partitioning.LABEL_SKEWED;
    JavaRDD<SparseExample> sorted =
        examples
            .mapToPair(e -> new Tuple2<>(
                new ShardKey(byLabel && e.label() > 0 ? 1 : 0, SeededHash.hash(seed, e.id()), e.id()), e))
            .sortByKey()
            .values();
    JavaRDD<WorkerShard> shards =
        sorted
            .zipWithIndex()
            .mapToPair(pair -> new Tuple2<>((int) (pair._2() * workers / count), pair._1()))
            .partitionBy(new WorkerPartitioner(workers))
            .mapPartitionsWithIndex(
                (index, pairs) -> {
                  List<SparseExample> shard = new ArrayList<>();
                  pairs.forEachRemaining(pair -> shard.add(pair._2()));
                  shard.sort(Comparator.comparingLong(SparseExample::id));
                  return List.of(new WorkerShard(index, shard.toArray(new SparseExample[0]))).iterator();
                },
                true);
    return shards.persist(StorageLevel.MEMORY_AND_DISK());
  }
}
