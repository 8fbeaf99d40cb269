package org.sparsify.graph.sampling;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.io.LoadedGraph;
import scala.Tuple2;

/**
 * Uniform edge sampling with reweighting, which keeps the spectral subspace that spectral
 * clustering uses when the graph has well-separated clusters (He, Drineas and Khanna, arXiv
 * 2510.12669).
 *
 * <p>Bernoulli mode keeps each undirected edge with probability p and multiplies its weight by
 * 1/p. Budget modes draw q edges uniformly with replacement, modelled as independent Poisson(q/m)
 * multiplicities per edge (see {@link EdgeSampling#budgetWeight}); a kept edge is weighted by its
 * multiplicity times m/q. In every mode the expected weight of each edge, and so of the whole
 * graph and of every cut, equals the original.
 *
 * <p>Determinism: the decision for an edge depends only on the seed and its two endpoint indices,
 * which {@link org.sparsify.graph.io.GraphLoader} assigns from the sorted node ids; the same seed
 * gives the same sample at any partition count and on recomputation.
 *
 * <p>Cost: one pass over the edges with no shuffle for the sample itself, plus a pass that marks the
 * kept endpoints in one bitmap of n bits per partition, merged by a tree reduce, to count the nodes
 * the sample leaves isolated. Above {@link #BITMAP_NODE_LIMIT} nodes that count takes a shuffle of
 * the kept endpoints instead.
 */
public final class UniformEdgeSampler {

  private UniformEdgeSampler() {}

  /** Samples {@code graph} by {@code spec} with the given seed; the result's edges are persisted. */
  public static SampledGraph sample(LoadedGraph graph, SamplingSpec spec, long seed) {
    long m = graph.numEdges();
    long draws = drawsFor(spec, graph.numNodes());
    JavaRDD<WeightedEdge> kept = keep(graph.edges(), spec, seed, m, draws);
    kept.persist(StorageLevel.MEMORY_AND_DISK());

    Tuple2<Long, Double> keptTotals = countAndWeight(kept);
    double weightBefore = countAndWeight(graph.edges())._2();
    long connected = countEndpoints(kept, graph.numNodes());
    return new SampledGraph(
        kept,
        spec,
        draws,
        graph.numNodes(),
        m,
        keptTotals._1(),
        weightBefore,
        keptTotals._2(),
        graph.numNodes() - connected);
  }

  /** Returns q for budget modes and 0 otherwise. */
  static long drawsFor(SamplingSpec spec, long numNodes) {
    if (spec instanceof SamplingSpec.Budget budget) {
      return budget.q();
    }
    if (spec instanceof SamplingSpec.BudgetPerNodeLog perNode) {
      return perNode.budgetFor(numNodes);
    }
    return 0;
  }

  private static JavaRDD<WeightedEdge> keep(
      JavaRDD<WeightedEdge> edges, SamplingSpec spec, long seed, long m, long draws) {
    if (spec instanceof SamplingSpec.Bernoulli bernoulli) {
      double p = bernoulli.p();
      return reweight(edges, e -> EdgeSampling.bernoulliWeight(seed, e.src(), e.dst(), e.weight(), p));
    }
    if (spec instanceof SamplingSpec.None) {
      return edges.map(e -> e);
    }
    double rate = (double) draws / Math.max(1L, m);
    return reweight(edges, e -> EdgeSampling.budgetWeight(seed, e.src(), e.dst(), e.weight(), rate));
  }

  /** The new weight of an edge, or 0 to drop it. */
  @FunctionalInterface
  private interface Reweighting extends java.io.Serializable {
    double weightOf(WeightedEdge edge);
  }

  private static JavaRDD<WeightedEdge> reweight(JavaRDD<WeightedEdge> edges, Reweighting rule) {
    return edges.flatMap(
        e -> {
          double weight = rule.weightOf(e);
          return weight > 0.0 ? List.of(e.withWeight(weight)).iterator() : List.<WeightedEdge>of().iterator();
        });
  }

  /**
   * The largest n for which isolated nodes are counted with bitmaps of n bits, 16 MiB each, one per
   * partition. Above it, a distinct of the kept endpoints counts them.
   */
  static final long BITMAP_NODE_LIMIT = 1L << 27;

  /** Returns the number of distinct endpoints of {@code edges}, whose indices are below {@code numNodes}. */
  static long countEndpoints(JavaRDD<WeightedEdge> edges, long numNodes) {
    if (edges.getNumPartitions() == 0) {
      return 0;
    }
    if (numNodes > BITMAP_NODE_LIMIT) {
      return edges.flatMap(e -> List.of(e.src(), e.dst()).iterator()).distinct().count();
    }
    int words = (int) ((numNodes + 63) / 64);
    long[] marked =
        edges
            .mapPartitions(
                part -> {
                  long[] bits = new long[words];
                  while (part.hasNext()) {
                    WeightedEdge e = part.next();
                    bits[(int) (e.src() >>> 6)] |= 1L << e.src();
                    bits[(int) (e.dst() >>> 6)] |= 1L << e.dst();
                  }
                  return List.of(bits).iterator();
                })
            .treeReduce(UniformEdgeSampler::or);
    long count = 0;
    for (long word : marked) {
      count += Long.bitCount(word);
    }
    return count;
  }

  private static long[] or(long[] into, long[] other) {
    for (int i = 0; i < into.length; i++) {
      into[i] |= other[i];
    }
    return into;
  }

  /**
   * Returns the number of edges and their total weight. The weights are summed exactly (in
   * BigDecimal, then rounded once), so the total does not depend on partitioning or task order.
   */
  private static Tuple2<Long, Double> countAndWeight(JavaRDD<WeightedEdge> edges) {
    Tuple2<Long, BigDecimal> total =
        edges
            .mapPartitions(
                part -> {
                  long count = 0;
                  BigDecimal sum = BigDecimal.ZERO;
                  while (part.hasNext()) {
                    sum = sum.add(new BigDecimal(part.next().weight()));
                    count++;
                  }
                  return List.of(new Tuple2<>(count, sum)).iterator();
                })
            .fold(new Tuple2<>(0L, BigDecimal.ZERO), (a, b) -> new Tuple2<>(a._1() + b._1(), a._2().add(b._2())));
    return new Tuple2<>(total._1(), total._2().doubleValue());
  }
}
