package org.sparsify.graph.sampling;

import org.apache.spark.api.java.JavaRDD;
import org.sparsify.graph.WeightedEdge;

/**
 * A uniform edge sample of a graph and what it kept.
 *
 * @param edges the kept edges with their new weights, on the original graph's node indices;
 *     persisted by the sampler
 * @param spec the sampling specification that produced it
 * @param draws the expected number of draws for budget modes (q), or 0 for Bernoulli and none
 * @param numNodes n of the original graph
 * @param numEdges m of the original graph
 * @param keptEdges the number of distinct edges kept
 * @param weightBefore the total edge weight of the original graph
 * @param weightAfter the total edge weight of the sample; its expectation is {@code weightBefore}
 * @param isolatedAfterSampling nodes with no edge in the sample, including those already isolated
 */
public record SampledGraph(
    JavaRDD<WeightedEdge> edges,
    SamplingSpec spec,
    long draws,
    long numNodes,
    long numEdges,
    long keptEdges,
    double weightBefore,
    double weightAfter,
    long isolatedAfterSampling) {}
