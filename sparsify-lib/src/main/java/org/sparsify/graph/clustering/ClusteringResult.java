package org.sparsify.graph.clustering;

import org.apache.spark.api.java.JavaPairRDD;

/**
 * Cluster assignments of every node and the counts behind them.
 *
 * @param assignments dense node index to cluster in [0, k), or {@link SpectralClustering#UNASSIGNED}
 * @param kmeansCost within-cluster sum of squares of the best k-means run, on the normalised rows
 * @param clusteredNodes nodes of the sampled graph's largest component, clustered by k-means
 * @param repairedNodes nodes that took the majority cluster of their neighbours in the input graph
 * @param fallbackNodes nodes outside the largest component that no repair round reached and that
 *     kept the k-means cluster of their own embedding row
 * @param unassignedNodes nodes with edges in the input that got no cluster (no sampled edge and no
 *     labelled neighbour within the repair rounds)
 * @param isolatedInInput nodes without any edge in the input; always unassigned
 * @param componentPasses passes of the connected-components computation on the sampled graph
 * @param largestComponentSize nodes in the sampled graph's largest component
 */
public record ClusteringResult(
    JavaPairRDD<Long, Integer> assignments,
    double kmeansCost,
    long clusteredNodes,
    long repairedNodes,
    long fallbackNodes,
    long unassignedNodes,
    long isolatedInInput,
    int componentPasses,
    long largestComponentSize) {}
