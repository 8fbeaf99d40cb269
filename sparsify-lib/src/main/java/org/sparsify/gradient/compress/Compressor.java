package org.sparsify.gradient.compress;

import java.io.Serializable;

/**
 * Chooses which entries of a worker's update vector {@code a} are sent. The sent message C(a) contains
 * a subset of the entries of {@code a} with their values unchanged, and the worker keeps
 * {@code a - C(a)} as its residual (error feedback). Implementations are stateless and
 * deterministic in their inputs, so a retried task sends the same message.
 */
public interface Compressor extends Serializable {

  /**
   * Returns C(a), a message of dimension {@code a.length}. Zero entries of {@code a} are never sent.
   *
   * @param a the update vector (not modified)
   * @param round the 1-based training round, for compressors that draw random coordinates
   * @param worker the 0-based worker index, for the same reason
   */
  SparseMessage compress(double[] a, int round, int worker);

  /** Returns the specification string that builds this compressor, for logs and metrics. */
  String spec();
}
