package org.sparsify.graph.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.sparsify.common.SeededHash;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.io.EdgeListOptions.MergeRule;
import scala.Tuple2;

/**
 * A block of edge lines on dense node indices, in primitive arrays: endpoint pairs with the smaller
 * index first, and their weights, possibly with the same pair listed several times.
 *
 * <p>The loader shuffles whole blocks instead of one record per edge, so a shuffle moves a few
 * arrays per task and merging duplicates is a sort of primitive arrays.
 */
final class IndexedEdges implements Serializable {
  private static final long serialVersionUID = 1L;

  private long[] smaller;
  private long[] larger;
  private double[] weights;
  private int size;

  IndexedEdges(int capacity) {
    smaller = new long[Math.max(1, capacity)];
    larger = new long[smaller.length];
    weights = new double[smaller.length];
  }

  /** Appends the edge {a, b}; the endpoints may come in either order but must differ. */
  void add(long a, long b, double weight) {
    if (size == smaller.length) {
      int capacity = size + Math.max(16, size / 2);
      smaller = Arrays.copyOf(smaller, capacity);
      larger = Arrays.copyOf(larger, capacity);
      weights = Arrays.copyOf(weights, capacity);
    }
    smaller[size] = Math.min(a, b);
    larger[size] = Math.max(a, b);
    weights[size] = weight;
    size++;
  }

  int size() {
    return size;
  }

  /** Returns the bucket in [0, buckets) of the edge {a, b}, a function of the pair only. */
  static int bucketOf(long smallerIndex, long largerIndex, int buckets) {
    return (int) Long.remainderUnsigned(SeededHash.hash(smallerIndex, largerIndex), buckets);
  }

  /** Splits this block into {@code buckets} blocks by {@link #bucketOf}; empty ones are left out. */
  List<Tuple2<Integer, IndexedEdges>> splitByBucket(int buckets) {
    IndexedEdges[] parts = new IndexedEdges[buckets];
    int expected = size / buckets + 16;
    for (int i = 0; i < size; i++) {
      int bucket = bucketOf(smaller[i], larger[i], buckets);
      if (parts[bucket] == null) {
        parts[bucket] = new IndexedEdges(expected);
      }
      parts[bucket].add(smaller[i], larger[i], weights[i]);
    }
    List<Tuple2<Integer, IndexedEdges>> out = new ArrayList<>();
    for (int bucket = 0; bucket < buckets; bucket++) {
      if (parts[bucket] != null) {
        out.add(new Tuple2<>(bucket, parts[bucket]));
      }
    }
    return out;
  }

  /** Concatenates blocks into one. */
  static IndexedEdges concat(Iterator<IndexedEdges> blocks) {
    List<IndexedEdges> all = new ArrayList<>();
    long total = 0;
    while (blocks.hasNext()) {
      IndexedEdges block = blocks.next();
      all.add(block);
      total += block.size;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "a merge partition must hold fewer than 2^31 edge lines but got " + total
              + "; load with more partitions");
    }
    IndexedEdges joined = new IndexedEdges((int) total);
    for (IndexedEdges block : all) {
      System.arraycopy(block.smaller, 0, joined.smaller, joined.size, block.size);
      System.arraycopy(block.larger, 0, joined.larger, joined.size, block.size);
      System.arraycopy(block.weights, 0, joined.weights, joined.size, block.size);
      joined.size += block.size;
    }
    return joined;
  }

  /**
   * Sorts the lines by pair and weight, then merges the lines of each pair into one edge under
   * {@code rule}. Summing in ascending weight order makes a {@link MergeRule#SUM} weight the same
   * however the lines were partitioned. Returns the merged edges in ascending pair order.
   */
  Iterator<WeightedEdge> sortAndMerge(MergeRule rule) {
    TripleSort.sort(smaller, larger, weights, 0, size);
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public WeightedEdge next() {
        if (next >= size) {
          throw new NoSuchElementException();
        }
        long a = smaller[next];
        long b = larger[next];
        double weight = weights[next];
        next++;
        while (next < size && smaller[next] == a && larger[next] == b) {
          // Weights arrive in ascending order, so the last one is the maximum.
          weight = rule == MergeRule.SUM ? weight + weights[next] : weights[next];
          next++;
        }
        return new WeightedEdge(a, b, weight);
      }
    };
  }
}
