package org.sparsify.graph.spectral;

/**
 * Connected components of a {@link PartitionedGraph}.
 *
 * @param labels n × 1 block: the smallest node index of each node's component, stored as a double
 * @param passes propagation passes spent, the last one confirming that no label changed
 */
public record ComponentLabels(RowBlocks labels, int passes) {}
