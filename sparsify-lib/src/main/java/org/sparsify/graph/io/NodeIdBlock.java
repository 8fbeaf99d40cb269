package org.sparsify.graph.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.sparsify.common.SeededHash;
import scala.Tuple2;

/**
 * A set of 64-bit node ids in two sorted arrays without repeats: the ids that lie on an edge with
 * another node ({@code connected}), and the ids seen only on self-loops or in the node list
 * ({@code other}). Blocks shuffle by {@link #bucketOf}, so each id lands in exactly one bucket.
 */
final class NodeIdBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Ids on at least one edge between two different nodes, ascending, no repeats. */
  final long[] connected;
  /** Further ids, ascending, no repeats; after {@link #union} none of them is connected. */
  final long[] other;

  NodeIdBlock(long[] connected, long[] other) {
    this.connected = connected;
    this.other = other;
  }

  /** Returns the bucket in [0, buckets) of a node id. */
  static int bucketOf(long id, int buckets) {
    return (int) Long.remainderUnsigned(SeededHash.mix64(id), buckets);
  }

  /** Splits both arrays into {@code buckets} blocks by {@link #bucketOf}; empty ones are left out. */
  List<Tuple2<Integer, NodeIdBlock>> splitByBucket(int buckets) {
    long[][] connectedParts = split(connected, buckets);
    long[][] otherParts = split(other, buckets);
    List<Tuple2<Integer, NodeIdBlock>> out = new ArrayList<>();
    for (int bucket = 0; bucket < buckets; bucket++) {
      if (connectedParts[bucket].length + otherParts[bucket].length > 0) {
        out.add(new Tuple2<>(bucket, new NodeIdBlock(connectedParts[bucket], otherParts[bucket])));
      }
    }
    return out;
  }

  private static long[][] split(long[] ids, int buckets) {
    int[] sizes = new int[buckets];
    for (long id : ids) {
      sizes[bucketOf(id, buckets)]++;
    }
    long[][] parts = new long[buckets][];
    for (int bucket = 0; bucket < buckets; bucket++) {
      parts[bucket] = new long[sizes[bucket]];
    }
    int[] filled = new int[buckets];
    for (long id : ids) {
      int bucket = bucketOf(id, buckets);
      parts[bucket][filled[bucket]++] = id;
    }
    return parts;
  }

  /** Unites blocks: every id once, in {@code connected} if any block has it there. */
  static NodeIdBlock union(Iterator<NodeIdBlock> blocks) {
    List<NodeIdBlock> all = new ArrayList<>();
    blocks.forEachRemaining(all::add);
    long[] connected = sortUnique(concat(all, true));
    long[] other = sortUnique(concat(all, false));
    return new NodeIdBlock(connected, minus(other, connected));
  }

  private static long[] concat(List<NodeIdBlock> blocks, boolean connected) {
    long total = 0;
    for (NodeIdBlock block : blocks) {
      total += connected ? block.connected.length : block.other.length;
    }
    long[] out = new long[Math.toIntExact(total)];
    int filled = 0;
    for (NodeIdBlock block : blocks) {
      long[] part = connected ? block.connected : block.other;
      System.arraycopy(part, 0, out, filled, part.length);
      filled += part.length;
    }
    return out;
  }

  /** Sorts {@code values} in place and returns its distinct values, ascending. */
  static long[] sortUnique(long[] values) {
    Arrays.sort(values);
    int distinct = 0;
    for (int i = 0; i < values.length; i++) {
      if (i == 0 || values[i] != values[i - 1]) {
        values[distinct++] = values[i];
      }
    }
    return distinct == values.length ? values : Arrays.copyOf(values, distinct);
  }

  /** Returns the values of sorted {@code values} that are not in sorted {@code removed}. */
  private static long[] minus(long[] values, long[] removed) {
    long[] out = new long[values.length];
    int kept = 0;
    int j = 0;
    for (long value : values) {
      while (j < removed.length && removed[j] < value) {
        j++;
      }
      if (j == removed.length || removed[j] != value) {
        out[kept++] = value;
      }
    }
    return Arrays.copyOf(out, kept);
  }

  /** Returns every id of the blocks in one array, ascending; the blocks must be disjoint. */
  static long[] sortedIds(List<NodeIdBlock> blocks) {
    long total = 0;
    for (NodeIdBlock block : blocks) {
      total += block.connected.length + (long) block.other.length;
    }
    long[] all = new long[Math.toIntExact(total)];
    int filled = 0;
    for (NodeIdBlock block : blocks) {
      System.arraycopy(block.connected, 0, all, filled, block.connected.length);
      filled += block.connected.length;
      System.arraycopy(block.other, 0, all, filled, block.other.length);
      filled += block.other.length;
    }
    Arrays.sort(all);
    return all;
  }
}
