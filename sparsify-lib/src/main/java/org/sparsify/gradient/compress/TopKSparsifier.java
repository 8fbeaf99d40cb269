package org.sparsify.gradient.compress;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.sparsify.common.Checks;

/**
 * Top-k sparsification: sends the K entries of largest magnitude, breaking ties by the lower index.
 *
 * <p>Used with error feedback as in Stich, Cordonnier and Jaggi, "Sparsified SGD with Memory",
 * NeurIPS 2018 (arXiv 1809.07599). Exactly K entries are sent when {@code a} has at least K
 * non-zero entries, otherwise all of its non-zero entries (a zero carries nothing to add). Cost
 * O(d log K) time and O(K) extra memory per call; deterministic.
 */
public final class TopKSparsifier implements Compressor {

  private static final long serialVersionUID = 1L;

  private final int k;

  /** Creates a sparsifier that sends {@code k >= 1} entries. */
  public TopKSparsifier(int k) {
    this.k = Checks.atLeast("k", k, 1);
  }

  /**
   * Creates a sparsifier that sends a fraction of the coordinates: K = ceil(ratio * featureCount),
   * at least 1. For example a ratio of 0.001 on 123 features gives K = 1.
   */
  public static TopKSparsifier fromRatio(double ratio, int featureCount) {
    return new TopKSparsifier(kFromRatio(ratio, featureCount));
  }

  /** Returns ceil(ratio * featureCount), at least 1, ignoring a rounding excess below 1e-9. */
  public static int kFromRatio(double ratio, int featureCount) {
    Checks.probability("ratio", ratio);
    Checks.atLeast("featureCount", featureCount, 1);
    double exact = ratio * featureCount;
    return (int) Math.max(1, Math.ceil(exact - 1e-9 * Math.max(1.0, exact)));
  }

  /** Returns K. */
  public int k() {
    return k;
  }

  @Override
  public SparseMessage compress(double[] a, int round, int worker) {
    // A min-heap of the K best indices seen so far; its head is the weakest of them.
    PriorityQueue<Integer> best = new PriorityQueue<>(k + 1, (x, y) -> compareStrength(a, x, y));
    for (int i = 0; i < a.length; i++) {
      if (a[i] == 0.0) {
        continue;
      }
      if (best.size() < k) {
        best.add(i);
      } else if (compareStrength(a, i, best.peek()) > 0) {
        best.poll();
        best.add(i);
      }
    }
    int[] indices = best.stream().mapToInt(Integer::intValue).sorted().toArray();
    double[] values = Arrays.stream(indices).mapToDouble(i -> a[i]).toArray();
    return SparseMessage.of(a.length, indices, values);
  }

  /** Orders by magnitude, and at equal magnitude the lower index as the stronger. */
  private static int compareStrength(double[] a, int x, int y) {
    int byMagnitude = Double.compare(Math.abs(a[x]), Math.abs(a[y]));
    return byMagnitude != 0 ? byMagnitude : Integer.compare(y, x);
  }

  @Override
  public String spec() {
    return "topk:" + k;
  }
}
