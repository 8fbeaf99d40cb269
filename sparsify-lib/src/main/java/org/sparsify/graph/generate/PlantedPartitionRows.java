package org.sparsify.graph.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sparsify.common.SeededHash;
import org.sparsify.graph.WeightedEdge;

/**
 * Generates the edges of one row of a planted-partition graph: the edges {u, v} with v &gt; u.
 *
 * <p>Geometric skipping (Batagelj and Brandes, "Efficient generation of large random networks",
 * Phys. Rev. E 71, 036113, 2005) visits only the chosen pairs, so a row costs O(1 + its edges).
 * The random stream of row u is seeded from the seed and u alone, so the graph does not depend on
 * how rows are split over partitions.
 */
public final class PlantedPartitionRows {

  private PlantedPartitionRows() {}

  /** Returns the edges {u, v} with v &gt; u, weight 1. */
  public static List<WeightedEdge> row(PlantedPartition model, long seed, long u) {
    SplittableRandom random = new SplittableRandom(SeededHash.hash(seed, u));
    long blockEnd = ((long) model.clusterOf(u) + 1) * model.clusterSize();
    List<WeightedEdge> out = new ArrayList<>();
    addRange(out, random, u, u + 1, blockEnd, model.pIn());
    addRange(out, random, u, blockEnd, model.numNodes(), model.pOut());
    return out;
  }

  /** Adds each pair {u, v} with v in [from, to) independently with probability p. */
  private static void addRange(
      List<WeightedEdge> out, SplittableRandom random, long u, long from, long to, double p) {
    if (p <= 0.0) {
      return;
    }
    double logOneMinusP = Math.log1p(-p);
    long v = from - 1;
    while (true) {
      long skip = p >= 1.0 ? 0 : (long) Math.floor(Math.log(1.0 - random.nextDouble()) / logOneMinusP);
      if (skip < 0 || skip >= to - v - 1) {
        return;
      }
      v += skip + 1;
      out.add(new WeightedEdge(u, v, 1.0));
    }
  }
}
