package org.sparsify.gradient.train;

import java.io.Serializable;
import org.sparsify.gradient.io.SparseExample;

/**
 * The examples of one worker, sorted by id so that every pass visits them in the same order.
 *
 * @param worker the 0-based worker index, equal to the partition index
 * @param examples the shard's examples
 */
record WorkerShard(int worker, SparseExample[] examples) implements Serializable {}
