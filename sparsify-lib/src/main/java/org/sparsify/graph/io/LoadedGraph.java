package org.sparsify.graph.io;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.sparsify.graph.WeightedEdge;

/**
 * An undirected graph on dense node indices 0..n-1, with the mapping back to the input's node ids.
 *
 * <p>The edge RDD holds each undirected edge once, with {@code src < dst} and no self-loops. The
 * index of a node is its rank among all node ids of the input in ascending order (numeric order for
 * 64-bit ids, lexicographic UTF-16 order for string ids), so the same input always gives the same
 * indices, whatever the partitioning.
 *
 * @param edges the undirected edges, persisted by the producer
 * @param numNodes n, including nodes without any edge
 * @param numEdges m, the number of undirected edges
 * @param nodeIds dense index to the node id as written in the input
 * @param numericIds whether the node ids are 64-bit integers (otherwise strings)
 * @param stats counts from loading: self-loops dropped, duplicates merged, lines skipped
 */
public record LoadedGraph(
    JavaRDD<WeightedEdge> edges,
    long numNodes,
    long numEdges,
    JavaPairRDD<Long, String> nodeIds,
    boolean numericIds,
    LoadStats stats) {}
