package org.sparsify.graph.clustering;

import org.apache.spark.Partitioner;

/** Sends node index i of 0..n-1 to partition {@code i·parts/n}: contiguous ranges of equal size. */
final class IndexRangePartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final long numNodes;
  private final int parts;

  IndexRangePartitioner(long numNodes, int parts) {
    this.numNodes = numNodes;
    this.parts = parts;
  }

  @Override
  public int numPartitions() {
    return parts;
  }

  @Override
  public int getPartition(Object key) {
    long index = (Long) key;
    return (int) Math.min(parts - 1, (long) ((double) index / numNodes * parts));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IndexRangePartitioner that && that.numNodes == numNodes && that.parts == parts;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(numNodes) * 31 + parts;
  }
}
