package org.sparsify.gradient.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopKSparsifierTest {

  private static int[] indicesOf(SparseMessage message) {
    int[] indices = new int[message.entries()];
    for (int k = 0; k < indices.length; k++) {
      indices[k] = message.indexAt(k);
    }
    return indices;
  }

  @Test
  void largestMagnitudeWinsOverSign() {
    SparseMessage message = new TopKSparsifier(1).compress(new double[] {-10, 1, 2}, 1, 0);

    assertArrayEquals(new int[] {0}, indicesOf(message));
    assertEquals(-10.0, message.valueAt(0));
  }

  @Test
  void tiesGoToLowerIndex() {
    double[] a = {1, -3, 3, 2, -3, 0.5};

    SparseMessage message = new TopKSparsifier(2).compress(a, 1, 0);

    assertArrayEquals(new int[] {1, 2}, indicesOf(message));
  }

  @Test
  void sendsExactlyKEntries() {
    double[] a = new double[200];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.sin(i + 1.0);
    }

    SparseMessage message = new TopKSparsifier(17).compress(a, 1, 0);

    assertEquals(17, message.entries());
    double smallestSent = Double.MAX_VALUE;
    for (int k = 0; k < message.entries(); k++) {
      smallestSent = Math.min(smallestSent, Math.abs(message.valueAt(k)));
    }
    int larger = 0;
    for (double v : a) {
      larger += Math.abs(v) > smallestSent ? 1 : 0;
    }
    assertEquals(16, larger);
  }

  @Test
  void zerosAreNeverSent() {
    SparseMessage message = new TopKSparsifier(5).compress(new double[] {0, 4, 0, -1, 0, 0}, 1, 0);

    assertArrayEquals(new int[] {1, 3}, indicesOf(message));
  }

  @Test
  void ratioRoundsUpToAtLeastOne() {
    assertEquals(1, TopKSparsifier.kFromRatio(0.001, 123));
    assertEquals(1, TopKSparsifier.fromRatio(0.001, 123).k());
    assertEquals(3, TopKSparsifier.kFromRatio(0.1, 30));
    assertEquals(4, TopKSparsifier.kFromRatio(0.1, 31));
    assertEquals(48, TopKSparsifier.kFromRatio(0.001, 47236));
    assertEquals(123, TopKSparsifier.kFromRatio(1.0, 123));
  }

  @Test
  void inputIsNotModified() {
    double[] a = {3, -1, 2};

    new TopKSparsifier(1).compress(a, 1, 0);

    assertArrayEquals(new double[] {3, -1, 2}, a);
    assertTrue(new TopKSparsifier(1).spec().startsWith("topk:"));
  }
}
