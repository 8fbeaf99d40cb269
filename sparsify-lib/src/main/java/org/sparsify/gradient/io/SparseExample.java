package org.sparsify.gradient.io;

import java.io.Serializable;

/**
 * One labelled example with sparse features.
 *
 * @param id a stable identity (the 0-based row number of the input), used to seed shuffles and
 *     mini-batches independently of partitioning
 * @param label -1 or +1
 * @param indices 0-based feature indices, strictly increasing
 * @param values the feature values, finite, parallel to {@code indices}
 */
public record SparseExample(long id, double label, int[] indices, double[] values)
    implements Serializable {

  /** Returns the largest feature index plus one, 0 when the example has no feature. */
  public int featureBound() {
    return indices.length == 0 ? 0 : indices[indices.length - 1] + 1;
  }

  /** Returns the same features and label under another id. */
  public SparseExample withId(long newId) {
    return new SparseExample(newId, label, indices, values);
  }
}
