package org.sparsify.common;

import java.io.Serializable;
import java.util.Arrays;

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
 * for well-scaled data. Memory: a few doubles per sum. Infinite and NaN values are summed
 * separately with ordinary arithmetic, so they propagate as in a plain sum. Not thread safe.
 */
public final class ExactSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[][] partials;
  private final int[] counts;
  private final double[] nonFinite;

  /** Creates {@code size} sums, all zero. */
  public ExactSums(int size) {
    Checks.atLeast("number of sums", size, 0);
    partials = new double[size][];
    counts = new int[size];
    nonFinite = new double[size];
  }

  /** Returns the number of sums. */
  public int size() {
    return counts.length;
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
    double[] p = partials[index];
    if (p == null) {
      p = new double[4];
      partials[index] = p;
    }
    int count = counts[index];
    int kept = 0;
    double x = value;
    for (int j = 0; j < count; j++) {
      double y = p[j];
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
        p[kept++] = lo;
      }
      x = hi;
    }
    if (x != 0.0) {
      if (kept == p.length) {
        p = Arrays.copyOf(p, 2 * p.length);
        partials[index] = p;
      }
      p[kept++] = x;
    }
    counts[index] = kept;
  }

  /** Adds {@code values[i]} to sum {@code i} for every i; the array must have {@link #size()} values. */
  public void addAll(double[] values) {
    if (values.length != counts.length) {
      throw new IllegalArgumentException("expected " + counts.length + " values but got " + values.length);
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
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < other.counts[i]; j++) {
        add(i, other.partials[i][j]);
      }
      nonFinite[i] += other.nonFinite[i];
    }
    return this;
  }

  /** Returns sum {@code index} correctly rounded to the nearest double (ties to even). */
  public double total(int index) {
    if (nonFinite[index] != 0.0 || Double.isNaN(nonFinite[index])) {
      return nonFinite[index];
    }
    return rounded(partials[index], counts[index]);
  }

  /** Returns every sum, each correctly rounded. */
  public double[] totals() {
    double[] out = new double[counts.length];
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
  private static double rounded(double[] p, int count) {
    if (count == 0) {
      return 0.0;
    }
    int n = count - 1;
    double hi = p[n];
    double lo = 0.0;
    while (n > 0) {
      double x = hi;
      double y = p[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) {
        break;
      }
    }
    // hi + lo is exact; if lo is half an ulp of hi and the next partial points the same way as lo,
    // the exact total lies beyond the tie and must round away from hi.
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) {
        hi = x;
      }
    }
    return hi;
  }
}
