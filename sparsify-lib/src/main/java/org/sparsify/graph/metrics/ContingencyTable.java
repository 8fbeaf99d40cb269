package org.sparsify.graph.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of items per pair (label in the first partition, label in the second partition), the input
 * of {@link PartitionAgreement}.
 *
 * <p>Spark jobs build the counts with one {@code reduceByKey} over the items and pass them here, so
 * that only the (number of labels)² cells reach the driver, never one entry per item. Negative
 * labels are allowed: they are ordinary label values here.
 */
public final class ContingencyTable {

  private final Map<Long, Long> cells = new TreeMap<>();

  /** Adds {@code count} items labelled {@code first} in one partition and {@code second} in the other. */
  public ContingencyTable add(int first, int second, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0 but was " + count);
    }
    cells.merge(key(first, second), count, Long::sum);
    return this;
  }

  /** Builds the table of two labellings of the same items, item i having labels first[i] and second[i]. */
  public static ContingencyTable of(int[] first, int[] second) {
    if (first.length != second.length) {
      throw new IllegalArgumentException(
          "both labellings must have the same length but had " + first.length + " and " + second.length);
    }
    ContingencyTable table = new ContingencyTable();
    for (int i = 0; i < first.length; i++) {
      table.add(first[i], second[i], 1);
    }
    return table;
  }

  /** Returns the cell counts keyed by {@code (first << 32) | (second & 0xffffffff)}. */
  Map<Long, Long> cells() {
    return cells;
  }

  static int firstOf(long key) {
    return (int) (key >> 32);
  }

  static int secondOf(long key) {
    return (int) key;
  }

  private static long key(int first, int second) {
    return ((long) first << 32) | (second & 0xffffffffL);
  }
}
