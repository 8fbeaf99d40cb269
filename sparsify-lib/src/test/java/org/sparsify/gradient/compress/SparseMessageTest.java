package org.sparsify.gradient.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class SparseMessageTest {

  @Test
  void mergeAddsValuesAtEqualIndices() {
    SparseMessage a = SparseMessage.of(10, new int[] {3}, new double[] {1.0});
    SparseMessage b = SparseMessage.of(10, new int[] {3}, new double[] {2.0});

    SparseMessage sum = a.plus(b);

    assertFalse(sum.isDense());
    assertEquals(1, sum.entries());
    assertEquals(3, sum.indexAt(0));
    assertEquals(3.0, sum.valueAt(0));
    assertEquals("{3: 3.0}", sum.toString());
  }

  @Test
  void mergeInterleavesAndDropsCancelledEntries() {
    SparseMessage a = SparseMessage.of(100, new int[] {1, 5, 9}, new double[] {1.0, 2.0, 3.0});
    SparseMessage b = SparseMessage.of(100, new int[] {0, 5, 20}, new double[] {4.0, -2.0, 6.0});

    SparseMessage sum = a.plus(b);

    assertEquals(4, sum.entries());
    assertArrayEquals(new double[] {4.0, 1.0, 0.0, 3.0, 6.0},
        new double[] {sum.get(0), sum.get(1), sum.get(5), sum.get(9), sum.get(20)});
  }

  @Test
  void mergeSwitchesToDenseWhenSmaller() {
    // 3 entries cost 36 bytes sparse; 4 coordinates cost 32 bytes dense.
    SparseMessage a = SparseMessage.of(4, new int[] {0, 1}, new double[] {1.0, 2.0});
    SparseMessage b = SparseMessage.of(4, new int[] {2}, new double[] {3.0});

    SparseMessage sum = a.plus(b);

    assertTrue(sum.isDense());
    assertArrayEquals(new double[] {1.0, 2.0, 3.0, 0.0}, sum.toDense());
    assertEquals(SparseMessage.HEADER_BYTES + 32, sum.wireBytes());
  }

  @Test
  void denseMergeMatchesSparseMerge() {
    SparseMessage sparse = SparseMessage.of(6, new int[] {2, 4}, new double[] {0.5, -1.5});
    SparseMessage dense = SparseMessage.dense(new double[] {1, 1, 1, 1, 1, 1});

    assertArrayEquals(new double[] {1, 1, 1.5, 1, -0.5, 1}, sparse.plus(dense).toDense());
    assertArrayEquals(new double[] {1, 1, 1.5, 1, -0.5, 1}, dense.plus(sparse).toDense());
  }

  @Test
  void emptyMessagesMergeToEmpty() {
    SparseMessage sum = SparseMessage.empty(7).plus(SparseMessage.empty(7));

    assertEquals(0, sum.entries());
    assertEquals(SparseMessage.HEADER_BYTES, sum.wireBytes());
    assertEquals(0, sum.paperBits());
  }

  @Test
  void accountingCountsIndexAndValue() {
    SparseMessage message = SparseMessage.of(1000, new int[] {1, 2, 3}, new double[] {1, 2, 3});

    assertEquals(SparseMessage.HEADER_BYTES + 3 * 12, message.wireBytes());
    assertEquals(3 * 32, message.paperBits());
  }

  @Test
  void serializationRoundTripKeepsEntries() throws IOException, ClassNotFoundException {
    SparseMessage message = SparseMessage.of(50, new int[] {4, 40}, new double[] {-0.25, 8.0});

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(message);
    }
    Object copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertEquals(message, copy);
  }

  @Test
  void invalidEntriesAreRejected() {
    IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
        () -> SparseMessage.of(10, new int[] {5, 2}, new double[] {1, 1}));
    IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
        () -> SparseMessage.of(10, new int[] {10}, new double[] {1}));
    IllegalArgumentException notFinite = assertThrows(IllegalArgumentException.class,
        () -> SparseMessage.of(10, new int[] {1}, new double[] {Double.NaN}));

    assertEquals("indices must be strictly increasing but 2 follows 5", unsorted.getMessage());
    assertEquals("index must be in [0, 10) but was 10", outOfRange.getMessage());
    assertEquals("value at index 1 must be finite but was NaN", notFinite.getMessage());
  }

  @Test
  void gridRoundingMakesSumsOrderIndependent() {
    double[] values = {0.1, 1e-3 / 3, 7.123456789, -2.5e-4, 3.3333333333};
    double forward = 0.0;
    double backward = 0.0;
    for (int k = 0; k < values.length; k++) {
      forward += ExactSumGrid.round(values[k]);
      backward += ExactSumGrid.round(values[values.length - 1 - k]);
    }

    assertEquals(forward, backward, 0.0);
    assertEquals(0.1, ExactSumGrid.round(0.1), ExactSumGrid.SPACING);
  }
}
