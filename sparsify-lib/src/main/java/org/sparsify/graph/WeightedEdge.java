package org.sparsify.graph;

import java.io.Serializable;
import java.util.Objects;

/**
 * An undirected weighted edge between two dense node indices, stored with {@code src < dst}.
 *
 * <p>Dense indices run from 0 to n-1 and are what the linear algebra uses. A {@link
 * org.sparsify.graph.io.LoadedGraph} keeps the mapping back to the node ids of the input.
 */
public final class WeightedEdge implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long src;
  private final long dst;
  private final double weight;

  /**
   * Creates the edge {u, v}. The endpoints are put in ascending order.
   *
   * @throws IllegalArgumentException if {@code u == v} (self-loops are not edges here), an index is
   *     negative, or the weight is not a finite number &gt; 0
   */
  public WeightedEdge(long u, long v, double weight) {
    if (u == v) {
      throw new IllegalArgumentException("an edge needs two distinct endpoints but both were " + u);
    }
    if (u < 0 || v < 0) {
      throw new IllegalArgumentException("node indices must be >= 0 but were " + u + " and " + v);
    }
    if (!(weight > 0.0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("edge weight must be a finite number > 0 but was " + weight);
    }
    this.src = Math.min(u, v);
    this.dst = Math.max(u, v);
    this.weight = weight;
  }

  /** Returns the smaller endpoint. */
  public long src() {
    return src;
  }

  /** Returns the larger endpoint. */
  public long dst() {
    return dst;
  }

  /** Returns the edge weight, a finite number &gt; 0. */
  public double weight() {
    return weight;
  }

  /** Returns this edge with another weight. */
  public WeightedEdge withWeight(double newWeight) {
    return new WeightedEdge(src, dst, newWeight);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof WeightedEdge)) {
      return false;
    }
    WeightedEdge that = (WeightedEdge) other;
    return src == that.src && dst == that.dst && Double.compare(weight, that.weight) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(src, dst, weight);
  }

  @Override
  public String toString() {
    return "(" + src + ", " + dst + ", " + weight + ")";
  }
}
