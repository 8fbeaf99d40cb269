package org.sparsify.gradient.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomKSparsifierTest {

  private static final int D = 50;
  private static final int K = 5;

  private static double[] ones() {
    double[] a = new double[D];
    Arrays.fill(a, 1.0);
    return a;
  }

  @Test
  void sameSeedRoundAndWorkerGiveSameMessage() {
    RandomKSparsifier first = new RandomKSparsifier(K, 42);
    RandomKSparsifier second = new RandomKSparsifier(K, 42);

    assertEquals(first.compress(ones(), 3, 1), second.compress(ones(), 3, 1));
    assertNotEquals(first.compress(ones(), 3, 1), first.compress(ones(), 4, 1));
    assertNotEquals(first.compress(ones(), 3, 1), first.compress(ones(), 3, 2));
  }

  @Test
  void everyCoordinateIsPickedAtRateKOverD() {
    RandomKSparsifier sparsifier = new RandomKSparsifier(K, 7);
    int rounds = 4000;
    int[] picks = new int[D];
    for (int round = 1; round <= rounds; round++) {
      SparseMessage message = sparsifier.compress(ones(), round, 0);
      assertEquals(K, message.entries());
      for (int k = 0; k < K; k++) {
        picks[message.indexAt(k)]++;
      }
    }

    double p = (double) K / D;
    double mean = rounds * p;
    double sigma = Math.sqrt(rounds * p * (1 - p));
    for (int i = 0; i < D; i++) {
      assertTrue(Math.abs(picks[i] - mean) < 5 * sigma,
          "coordinate " + i + " picked " + picks[i] + " times, expected " + mean + " ± 5·" + sigma);
    }
  }

  @Test
  void zeroCoordinatesAreNotSent() {
    double[] a = new double[D];
    a[3] = 1.0;

    for (int round = 1; round <= 50; round++) {
      SparseMessage message = new RandomKSparsifier(K, 1).compress(a, round, 0);
      assertTrue(message.entries() <= 1);
      assertEquals(message.entries() == 1 ? 1.0 : 0.0, message.get(3));
    }
  }
}
