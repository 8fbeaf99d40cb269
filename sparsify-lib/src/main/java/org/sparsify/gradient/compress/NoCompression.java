package org.sparsify.gradient.compress;

/**
 * The uncompressed baseline: sends the whole update vector in the dense form, as MLlib's dense
 * aggregation does, so the residual is always zero. Cost O(d) per call.
 */
public final class NoCompression implements Compressor {

  private static final long serialVersionUID = 1L;

  @Override
  public SparseMessage compress(double[] a, int round, int worker) {
    return SparseMessage.dense(a);
  }

  @Override
  public String spec() {
    return "none";
  }
}
