package org.sparsify.graph.io;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The parsed records of one input partition with 64-bit node ids, in primitive arrays: the edge
 * lines between two different nodes, the ids that only self-loops and the node list name, and the
 * line counts of {@link LoadStats}.
 *
 * <p>One persisted block per partition replaces one boxed object per line, which keeps the
 * persisted input small and lets the id and edge shuffles move arrays.
 */
final class LongEdgeBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private long[] sources = new long[1024];
  private long[] targets = new long[1024];
  private double[] weights = new double[1024];
  private int edges;
  private long[] otherIds = new long[16];
  private int others;
  /** Data lines, self-loops, edge lines between two different nodes and skipped lines. */
  private final long[] counts = new long[4];

  private LongEdgeBlock() {}

  /** Collects {@code records} into one block. */
  static LongEdgeBlock of(Iterator<RawEdge<Long>> records) {
    LongEdgeBlock block = new LongEdgeBlock();
    records.forEachRemaining(block::add);
    block.trim();
    return block;
  }

  private void add(RawEdge<Long> record) {
    if (record.kind != RawEdge.Kind.NODE) {
      counts[0]++;
    }
    if (record.kind == RawEdge.Kind.SKIPPED) {
      counts[3]++;
    } else if (record.kind == RawEdge.Kind.NODE || record.isSelfLoop()) {
      counts[1] += record.kind == RawEdge.Kind.EDGE ? 1 : 0;
      if (others == otherIds.length) {
        otherIds = Arrays.copyOf(otherIds, others * 2);
      }
      otherIds[others++] = record.u;
    } else {
      counts[2]++;
      addEdge(record.u, record.v, record.weight);
    }
  }

  private void addEdge(long source, long target, double weight) {
    if (edges == sources.length) {
      int capacity = edges + edges / 2;
      sources = Arrays.copyOf(sources, capacity);
      targets = Arrays.copyOf(targets, capacity);
      weights = Arrays.copyOf(weights, capacity);
    }
    sources[edges] = source;
    targets[edges] = target;
    weights[edges] = weight;
    edges++;
  }

  private void trim() {
    sources = Arrays.copyOf(sources, edges);
    targets = Arrays.copyOf(targets, edges);
    weights = Arrays.copyOf(weights, edges);
    otherIds = Arrays.copyOf(otherIds, others);
  }

  /** Returns the data lines, self-loops, edge lines between two different nodes and skipped lines. */
  long[] counts() {
    return counts.clone();
  }

  /** Returns the node ids of this block. */
  NodeIdBlock nodeIds() {
    long[] endpoints = Arrays.copyOf(sources, 2 * edges);
    System.arraycopy(targets, 0, endpoints, edges, edges);
    return new NodeIdBlock(NodeIdBlock.sortUnique(endpoints), NodeIdBlock.sortUnique(otherIds.clone()));
  }

  /** Returns the edges on dense indices: each id's position in {@code sortedIds}, which contains every id. */
  IndexedEdges toIndices(long[] sortedIds) {
    IndexedEdges indexed = new IndexedEdges(edges);
    int n = sortedIds.length;
    // Ids that form one run of consecutive integers, such as 0..n-1, index by subtraction.
    if (n > 0 && sortedIds[n - 1] - sortedIds[0] == n - 1) {
      long first = sortedIds[0];
      for (int i = 0; i < edges; i++) {
        indexed.add(sources[i] - first, targets[i] - first, weights[i]);
      }
      return indexed;
    }
    for (int i = 0; i < edges; i++) {
      indexed.add(indexOf(sortedIds, sources[i]), indexOf(sortedIds, targets[i]), weights[i]);
    }
    return indexed;
  }

  private static long indexOf(long[] sortedIds, long id) {
    int index = Arrays.binarySearch(sortedIds, id);
    if (index < 0) {
      throw new IllegalStateException("node id " + id + " is missing from the node index");
    }
    return index;
  }

  /** Returns the edge lines between two different nodes as records. */
  Iterator<RawEdge<Long>> edgeRecords() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < edges;
      }

      @Override
      public RawEdge<Long> next() {
        if (next >= edges) {
          throw new NoSuchElementException();
        }
        RawEdge<Long> record = RawEdge.edge(sources[next], targets[next], weights[next]);
        next++;
        return record;
      }
    };
  }
}
