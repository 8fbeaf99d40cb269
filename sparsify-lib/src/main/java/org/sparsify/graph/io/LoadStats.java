package org.sparsify.graph.io;

import java.io.Serializable;

/**
 * Counts from loading an edge list.
 *
 * @param lines data lines read (comments, blank lines and the header excluded)
 * @param selfLoopsDropped lines whose two endpoints were equal; they are not edges of the graph
 * @param duplicatesMerged edge lines that named an undirected edge already listed, in either
 *     direction, and were merged into it
 * @param linesSkipped malformed lines skipped under {@link BadLinePolicy#SKIP}
 * @param isolatedNodes nodes without any edge once self-loops are dropped
 */
public record LoadStats(
    long lines, long selfLoopsDropped, long duplicatesMerged, long linesSkipped, long isolatedNodes)
    implements Serializable {}
