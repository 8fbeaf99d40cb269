package org.sparsify.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TripleSortTest {

  private static boolean isSorted(long[] first, long[] second, double[] weight) {
    for (int i = 1; i < first.length; i++) {
      int order = first[i - 1] != first[i] ? Long.compare(first[i - 1], first[i])
          : second[i - 1] != second[i] ? Long.compare(second[i - 1], second[i])
          : Double.compare(weight[i - 1], weight[i]);
      if (order > 0) {
        return false;
      }
    }
    return true;
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long value : values) {
      total += value * 31 + (value >>> 7);
    }
    return total;
  }

  @Test
  void quicksortAndHeapsortOrderEveryEntry() {
    SplittableRandom random = new SplittableRandom(1);
    for (int depthLimit : new int[] {0, 1, 64}) {
      for (int size : new int[] {0, 1, 2, 17, 1000, 20_000}) {
        long[] first = new long[size];
        long[] second = new long[size];
        double[] weight = new double[size];
        for (int i = 0; i < size; i++) {
          first[i] = random.nextInt(50) - 25;
          second[i] = random.nextLong();
          weight[i] = random.nextInt(3) + 0.5;
          second[i] = random.nextInt(4) == 0 ? 7 : second[i];
        }
        long firstSum = sum(first);
        long secondSum = sum(second);
        TripleSort.sort(first, second, weight, 0, size, depthLimit);
        assertTrue(isSorted(first, second, weight), "size " + size + ", depth limit " + depthLimit);
        assertEquals(firstSum, sum(first), "first keys changed at size " + size);
        assertEquals(secondSum, sum(second), "second keys changed at size " + size);
      }
    }
  }

  @Test
  void sortedAndReversedInputs() {
    int size = 1 << 20;
    long[] first = new long[size];
    long[] second = new long[size];
    double[] weight = new double[size];
    for (int i = 0; i < size; i++) {
      first[i] = size - i / 3;
      second[i] = i % 3;
      weight[i] = 1.0;
    }
    TripleSort.sort(first, second, weight, 0, size);
    assertTrue(isSorted(first, second, weight));
    TripleSort.sort(first, second, weight, 0, size);
    assertTrue(isSorted(first, second, weight));
  }
}
