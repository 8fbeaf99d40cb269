package org.sparsify.common;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A fixed number of running sums of doubles kept exactly, so that the rounded totals do not depend
 * on the order in which values are added or partial sums are merged.
 *
 * <p>Each sum is held as a short list of non-overlapping partials in increasing magnitude whose
 * exact total is the exact sum of everything added (Shewchuk, "Adaptive precision floating-point
 * arithmetic and fast robust geometric predicates", Discrete Comput. Geom. 18(3), 1997, DOI
 * 10.1007/PL00009321). {@link #total} rounds that exact total once, to nearest with ties to even, so
 * any grouping of the same values gives the same bits. This is what makes distributed reductions
 * (Spark {@code treeReduce} or {@code reduceByKey}, whose merge order follows task completion) and
 * sums over a different number of partitions reproducible.
 *
 * <p>Cost: an addition touches each partial of its sum once; partials rarely exceed three or four
 * for well-scaled data. Memory: four doubles per sum, more only for a sum that needs more
 * partials. Serialized, a sum takes one int and its partials. Infinite and NaN values are summed
 * separately with ordinary arithmetic, so they propagate as in a plain sum. Not thread safe.
 */
public final class ExactSums implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Partials stored in place per sum before a sum moves to an array of its own. */
  private static final int INLINE = 4;

  private transient int size;
  private transient double[] inline;
  private transient double[][] spilled;
  private transient int[] counts;
  private transient double[] nonFinite;

  /** Creates {@code size} sums, all zero. */
  public ExactSums(int size) {
    Checks.atLeast("number of sums", size, 0);
    allocate(size);
  }

  private void allocate(int sums) {
    size = sums;
    inline = new double[sums * INLINE];
    counts = new int[sums];
    nonFinite = new double[sums];
  }

  /** Returns the number of sums. */
  public int size() {
    return size;
  }

  /** Adds {@code value} to sum {@code index} exactly. */
  public void add(int index, double value) {
    if (!Double.isFinite(value)) {
      nonFinite[index] += value;
      return;
    }
    if (value == 0.0) {
      return;
    }

    boolean own = spilled != null && spilled[index] != null;
    double[] p = own ? spilled[index] : inline;
    int base = own ? 0 : index * INLINE;
    int capacity = own ? p.length : INLINE;
    int count = counts[index];

    // Two-sum of x with each partial: the rounding error lo stays as a partial, hi moves on.
    int kept = 0;
    double x = value;
    for (int j = 0; j < count; j++) {
      double y = p[base + j];
      if (Math.abs(x) < Math.abs(y)) {
        double swap = x;
        x = y;
        y = swap;
      }
      double hi = x + y;
      if (!Double.isFinite(hi)) {
        // Finite values overflowed: the total is infinite, as in a plain sum.
        nonFinite[index] += hi;
        counts[index] = 0;
        return;
      }
      double lo = y - (hi - x);
      if (lo != 0.0) {
        p[base + kept++] = lo;
      }
      x = hi;
    }

    if (x != 0.0) {
      if (kept == capacity) {
        p = spill(index, p, base, kept);
        base = 0;
      }
      p[base + kept++] = x;
    }
    counts[index] = kept;
  }

  /** Moves the partials of sum {@code index} to an array of its own with twice the room. */
  private double[] spill(int index, double[] from, int base, int count) {
    if (spilled == null) {
      spilled = new double[size][];
    }
    double[] own = new double[2 * Math.max(count, 1)];
    System.arraycopy(from, base, own, 0, count);
    spilled[index] = own;
    return own;
  }

  /** Adds {@code values[i]} to sum {@code i} for every i; the array must have {@link #size()} values. */
  public void addAll(double[] values) {
    if (values.length != size) {
      throw new IllegalArgumentException("expected " + size + " values but got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      add(i, values[i]);
    }
  }

  /** Adds every sum of {@code other} into this one, exactly, and returns this. */
  public ExactSums merge(ExactSums other) {
    if (other.size() != size()) {
      throw new IllegalArgumentException("cannot merge " + other.size() + " sums into " + size());
    }
    for (int i = 0; i < size; i++) {
      double[] p = other.partialsOf(i);
      int base = other.baseOf(i);
      for (int j = 0; j < other.counts[i]; j++) {
        add(i, p[base + j]);
      }
      nonFinite[i] += other.nonFinite[i];
    }
    return this;
  }

  private double[] partialsOf(int index) {
    return spilled != null && spilled[index] != null ? spilled[index] : inline;
  }

  private int baseOf(int index) {
    return spilled != null && spilled[index] != null ? 0 : index * INLINE;
  }

  /** Returns sum {@code index} correctly rounded to the nearest double (ties to even). */
  public double total(int index) {
    if (nonFinite[index] != 0.0 || Double.isNaN(nonFinite[index])) {
      return nonFinite[index];
    }
    return rounded(partialsOf(index), baseOf(index), counts[index]);
  }

  /** Returns every sum, each correctly rounded. */
  public double[] totals() {
    double[] out = new double[size];
    for (int i = 0; i < out.length; i++) {
      out[i] = total(i);
    }
    return out;
  }

  /**
   * Rounds the exact total of non-overlapping partials sorted by increasing magnitude: adds them
   * from the largest down until the addition is inexact, then corrects a tie that the remaining
   * partials break.
   */
  private static double rounded(double[] p, int base, int count) {
    if (count == 0) {
      return 0.0;
    }
    int n = count - 1;
    double hi = p[base + n];
    double lo = 0.0;
    while (n > 0) {
      double x = hi;
      double y = p[base + --n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) {
        break;
      }
    }
    // hi + lo is exact. When lo is half an ulp of hi and the next partial has the sign of lo, the
    // exact total lies beyond the tie, so it rounds away from hi.
    if (n > 0 && ((lo < 0.0 && p[base + n - 1] < 0.0) || (lo > 0.0 && p[base + n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) {
        hi = x;
      }
    }
    return hi;
  }

  /** Writes the counts, then only the partials in use, packed, then the non-finite sums. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    int used = 0;
    for (int count : counts) {
      used += count;
    }
    double[] packed = new double[used];
    int at = 0;
    for (int i = 0; i < size; i++) {
      System.arraycopy(partialsOf(i), baseOf(i), packed, at, counts[i]);
      at += counts[i];
    }
    out.writeInt(size);
    out.writeObject(counts);
    out.writeObject(packed);
    out.writeObject(nonFinite);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    allocate(in.readInt());
    int[] readCounts = (int[]) in.readObject();
    double[] packed = (double[]) in.readObject();
    double[] readNonFinite = (double[]) in.readObject();
    if (readCounts.length != size || readNonFinite.length != size) {
      throw new IOException("corrupt exact sums: " + readCounts.length + " counts for " + size + " sums");
    }
    int at = 0;
    for (int i = 0; i < size; i++) {
      int count = readCounts[i];
      if (count > INLINE) {
        spill(i, packed, at, count);
      } else {
        System.arraycopy(packed, at, inline, i * INLINE, count);
      }
      counts[i] = count;
      at += count;
    }
    System.arraycopy(readNonFinite, 0, nonFinite, 0, size);
  }
}
