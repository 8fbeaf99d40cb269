package org.sparsify.gradient.compress;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.sparsify.common.Checks;
import org.sparsify.common.SeededHash;

/**
 * Random-k sparsification: picks K coordinates uniformly without replacement and sends those that
 * are non-zero, with their values unscaled (the residual keeps the rest).
 *
 * <p>The K coordinates are the ones with the smallest {@link SeededHash} of (seed, round, worker,
 * coordinate), so the choice depends only on those four values and not on partitioning or task
 * retries. Cost O(d log K) time per call.
 */
public final class RandomKSparsifier implements Compressor {

  private static final long serialVersionUID = 1L;

  private final int k;
  private final long seed;

  /** Creates a sparsifier that picks {@code k >= 1} coordinates per call. */
  public RandomKSparsifier(int k, long seed) {
    this.k = Checks.atLeast("k", k, 1);
    this.seed = seed;
  }

  @Override
  public SparseMessage compress(double[] a, int round, int worker) {
    // A max-heap of the K smallest hashes seen so far.
    long[] hashes = new long[a.length];
    PriorityQueue<Integer> chosen =
        new PriorityQueue<>(k + 1, (x, y) -> Long.compareUnsigned(hashes[y], hashes[x]));
    for (int i = 0; i < a.length; i++) {
      hashes[i] = SeededHash.hash(seed, round, worker, i);
      chosen.add(i);
      if (chosen.size() > k) {
        chosen.poll();
      }
    }
    int[] indices = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    double[] values = Arrays.stream(indices).mapToDouble(i -> a[i]).toArray();
    return SparseMessage.of(a.length, indices, values);
  }

  @Override
  public String spec() {
    return "randomk:" + k;
  }
}
