package org.sparsify.gradient.compress;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.Arrays;

/**
 * The part of an update vector that one worker sends: int indices with double values, or a dense
 * array once that encoding is smaller.
 *
 * <p>Sparse form: indices strictly increasing, values never zero. Dense form: one value per
 * coordinate. {@link #plus} adds values at equal indices and returns the dense form when
 * {@code 8 * dimension} bytes are fewer than the {@code 12 * entries} bytes of the sparse form.
 * Instances are immutable once built.
 *
 * <p>Wire encoding, written by {@link #writeExternal}: one flag byte, the dimension and the entry
 * count as ints (9 bytes), then per entry a 4-byte index and an 8-byte value (sparse) or per
 * coordinate an 8-byte value (dense). {@link #wireBytes} returns exactly that size; Java
 * serialization adds a class descriptor per stream on top of it.
 */
public final class SparseMessage implements Externalizable {

  private static final long serialVersionUID = 1L;

  /** Bytes of the flag, dimension and entry count written before the entries. */
  public static final int HEADER_BYTES = 9;

  /** Bytes of one sparse entry on the wire: a 4-byte index and an 8-byte value. */
  public static final int SPARSE_ENTRY_BYTES = 12;

  /** Bits that the paper-bit count charges per value sent (32-bit floats, indices free). */
  public static final int PAPER_BITS_PER_VALUE = 32;

  private int dimension;
  /** Null in the dense form. */
  private int[] indices;
  private double[] values;

  /** For deserialization only. */
  public SparseMessage() {}

  private SparseMessage(int dimension, int[] indices, double[] values) {
    this.dimension = dimension;
    this.indices = indices;
    this.values = values;
  }

  /** Returns the message with no entries. */
  public static SparseMessage empty(int dimension) {
    return new SparseMessage(dimension, new int[0], new double[0]);
  }

  /**
   * Builds a sparse message from indices and values; zero values are dropped.
   *
   * @throws IllegalArgumentException if the indices are not strictly increasing, out of range, or
   *     a value is NaN or infinite
   */
  public static SparseMessage of(int dimension, int[] indices, double[] values) {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          "indices and values must have equal length but had " + indices.length + " and " + values.length);
    }
    int kept = 0;
    int[] keptIndices = new int[indices.length];
    double[] keptValues = new double[values.length];
    for (int k = 0; k < indices.length; k++) {
      checkEntry(dimension, indices, values, k);
      if (values[k] != 0.0) {
        keptIndices[kept] = indices[k];
        keptValues[kept++] = values[k];
      }
    }
    return new SparseMessage(
        dimension, Arrays.copyOf(keptIndices, kept), Arrays.copyOf(keptValues, kept));
  }

  private static void checkEntry(int dimension, int[] indices, double[] values, int k) {
    if (indices[k] < 0 || indices[k] >= dimension) {
      throw new IllegalArgumentException(
          "index must be in [0, " + dimension + ") but was " + indices[k]);
    }
    if (k > 0 && indices[k] <= indices[k - 1]) {
      throw new IllegalArgumentException(
          "indices must be strictly increasing but " + indices[k] + " follows " + indices[k - 1]);
    }
    if (!Double.isFinite(values[k])) {
      throw new IllegalArgumentException(
          "value at index " + indices[k] + " must be finite but was " + values[k]);
    }
  }

  /** Returns a dense message holding a copy of {@code values}. */
  public static SparseMessage dense(double[] values) {
    return new SparseMessage(values.length, null, values.clone());
  }

  /** Returns the length of the vector this message is part of. */
  public int dimension() {
    return dimension;
  }

  /** Returns whether the message is in the dense form. */
  public boolean isDense() {
    return indices == null;
  }

  /** Returns the number of values sent: non-zero entries (sparse) or the dimension (dense). */
  public int entries() {
    return values.length;
  }

  /** Returns the value at coordinate {@code index}, zero when it is not sent. */
  public double get(int index) {
    if (isDense()) {
      return values[index];
    }
    int k = Arrays.binarySearch(indices, index);
    return k >= 0 ? values[k] : 0.0;
  }

  /** Returns the index of the k-th entry (the coordinate itself in the dense form). */
  public int indexAt(int k) {
    return isDense() ? k : indices[k];
  }

  /** Returns the value of the k-th entry. */
  public double valueAt(int k) {
    return values[k];
  }

  /** Adds {@code scale} times this message to {@code target}. */
  public void addTo(double[] target, double scale) {
    for (int k = 0; k < values.length; k++) {
      target[indexAt(k)] += scale * values[k];
    }
  }

  /** Returns the squared Euclidean norm of the message. */
  public double squaredNorm() {
    double sum = 0.0;
    for (double v : values) {
      sum += v * v;
    }
    return sum;
  }

  /** Returns the bytes of the wire encoding described in the class comment. */
  public long wireBytes() {
    long perEntry = isDense() ? Double.BYTES : SPARSE_ENTRY_BYTES;
    return HEADER_BYTES + perEntry * values.length;
  }

  /** Returns the paper-bit count: 32 bits per value sent, indices free. */
  public long paperBits() {
    return (long) PAPER_BITS_PER_VALUE * values.length;
  }

  /**
   * Returns the sum of this message and {@code other}: values at equal indices are added, and the
   * result is dense when that encoding is smaller than the sparse one.
   */
  public SparseMessage plus(SparseMessage other) {
    if (other.dimension != dimension) {
      throw new IllegalArgumentException(
          "messages must have equal dimension but had " + dimension + " and " + other.dimension);
    }
    if (isDense() || other.isDense()) {
      double[] sum = isDense() ? values.clone() : other.values.clone();
      (isDense() ? other : this).addTo(sum, 1.0);
      return new SparseMessage(dimension, null, sum);
    }
    return mergeSparse(other);
  }

  private SparseMessage mergeSparse(SparseMessage other) {
    int[] mergedIndices = new int[values.length + other.values.length];
    double[] mergedValues = new double[mergedIndices.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < indices.length || j < other.indices.length) {
      int a = i < indices.length ? indices[i] : Integer.MAX_VALUE;
      int b = j < other.indices.length ? other.indices[j] : Integer.MAX_VALUE;
      double v = (a <= b ? values[i++] : 0.0) + (b <= a ? other.values[j++] : 0.0);
      if (v != 0.0) {
        mergedIndices[n] = Math.min(a, b);
        mergedValues[n++] = v;
      }
    }
    if ((long) Double.BYTES * dimension < (long) SPARSE_ENTRY_BYTES * n) {
      double[] dense = new double[dimension];
      for (int k = 0; k < n; k++) {
        dense[mergedIndices[k]] = mergedValues[k];
      }
      return new SparseMessage(dimension, null, dense);
    }
    return new SparseMessage(
        dimension, Arrays.copyOf(mergedIndices, n), Arrays.copyOf(mergedValues, n));
  }

  /** Returns the message as a dense array (a copy). */
  public double[] toDense() {
    double[] dense = new double[dimension];
    addTo(dense, 1.0);
    return dense;
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeBoolean(isDense());
    out.writeInt(dimension);
    out.writeInt(values.length);
    for (int k = 0; k < values.length; k++) {
      if (!isDense()) {
        out.writeInt(indices[k]);
      }
      out.writeDouble(values[k]);
    }
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException {
    boolean dense = in.readBoolean();
    dimension = in.readInt();
    int count = in.readInt();
    indices = dense ? null : new int[count];
    values = new double[count];
    for (int k = 0; k < count; k++) {
      if (!dense) {
        indices[k] = in.readInt();
      }
      values[k] = in.readDouble();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseMessage m
        && m.dimension == dimension
        && Arrays.equals(m.indices, indices)
        && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dimension + Arrays.hashCode(indices)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(isDense() ? "dense{" : "{");
    for (int k = 0; k < values.length; k++) {
      text.append(k == 0 ? "" : ", ").append(indexAt(k)).append(": ").append(values[k]);
    }
    return text.append('}').toString();
  }
}
