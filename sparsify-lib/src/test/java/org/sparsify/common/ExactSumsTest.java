package org.sparsify.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExactSumsTest {

  /** Values over 60 binary orders of magnitude, both signs, with large terms that cancel. */
  private static List<Double> awkwardValues(long seed, int count) {
    Random random = new Random(seed);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double value = Math.scalb(random.nextDouble() - 0.5, random.nextInt(60) - 30);
      values.add(value);
      if (i % 7 == 0) {
        values.add(-value * (1 + 0x1.0p-40));
      }
    }
    return values;
  }

  private static double correctlyRounded(List<Double> values) {
    BigDecimal exact = BigDecimal.ZERO;
    for (double value : values) {
      exact = exact.add(new BigDecimal(value));
    }
    // Parsing the exact decimal expansion rounds to nearest, ties to even.
    return Double.parseDouble(exact.toString());
  }

  @Test
  void totalIsTheCorrectlyRoundedExactSum() {
    for (long seed = 1; seed <= 20; seed++) {
      List<Double> values = awkwardValues(seed, 500);
      ExactSums sums = new ExactSums(1);
      values.forEach(value -> sums.add(0, value));

      assertEquals(correctlyRounded(values), sums.total(0), "seed " + seed);
    }
  }

  @Test
  void orderAndGroupingDoNotChangeTheBits() {
    List<Double> values = awkwardValues(42, 2000);
    ExactSums inOrder = new ExactSums(1);
    values.forEach(value -> inOrder.add(0, value));
    Set<Double> plainSums = new HashSet<>();

    Random random = new Random(7);
    for (int trial = 0; trial < 10; trial++) {
      List<Double> shuffled = new ArrayList<>(values);
      Collections.shuffle(shuffled, random);
      double plain = 0.0;
      for (double value : shuffled) {
        plain += value;
      }
      plainSums.add(plain);
      // Split into parts of random sizes, sum each part separately, merge in a shuffled order.
      List<ExactSums> parts = new ArrayList<>();
      int start = 0;
      while (start < shuffled.size()) {
        int end = Math.min(shuffled.size(), start + 1 + random.nextInt(300));
        ExactSums part = new ExactSums(1);
        shuffled.subList(start, end).forEach(value -> part.add(0, value));
        parts.add(part);
        start = end;
      }
      Collections.shuffle(parts, random);
      ExactSums merged = new ExactSums(1);
      parts.forEach(merged::merge);

      assertEquals(Double.doubleToRawLongBits(inOrder.total(0)), Double.doubleToRawLongBits(merged.total(0)));
    }
    // Plain left-to-right sums of the same shuffles differ, so the check above is not vacuous.
    assertTrue(plainSums.size() > 1, "plain sums: " + plainSums);
  }

  @Test
  void tieBrokenByASmallerPartialRoundsAway() {
    // 1 + 2^-53 is exactly halfway between 1 and its successor; the extra 2^-120 breaks the tie upwards.
    ExactSums sums = new ExactSums(1);
    sums.add(0, 1.0);
    sums.add(0, 0x1.0p-53);
    sums.add(0, 0x1.0p-120);

    assertEquals(Math.nextUp(1.0), sums.total(0));
  }

  @Test
  void exactTieRoundsToEven() {
    ExactSums sums = new ExactSums(1);
    sums.add(0, 1.0);
    sums.add(0, 0x1.0p-53);

    assertEquals(1.0, sums.total(0));
  }

  @Test
  void addAllAndTotalsWorkPerIndex() {
    ExactSums sums = new ExactSums(3);
    sums.addAll(new double[] {1e16, 1.0, -2.0});
    sums.addAll(new double[] {1.0, 1e-30, 2.0});
    sums.addAll(new double[] {-1e16, 0.0, 0.0});

    double[] totals = sums.totals();

    assertEquals(1.0, totals[0]);
    assertEquals(1.0 + 1e-30, totals[1]);
    assertEquals(0.0, totals[2]);
  }

  @Test
  void nonFiniteValuesPropagateAsInAPlainSum() {
    ExactSums sums = new ExactSums(3);
    sums.add(0, Double.POSITIVE_INFINITY);
    sums.add(0, 5.0);
    sums.add(1, Double.NaN);
    sums.add(2, Double.MAX_VALUE);
    sums.add(2, Double.MAX_VALUE);

    assertEquals(Double.POSITIVE_INFINITY, sums.total(0));
    assertTrue(Double.isNaN(sums.total(1)));
    assertEquals(Double.POSITIVE_INFINITY, sums.total(2));
  }

  @Test
  void sizeMismatchIsRejected() {
    ExactSums sums = new ExactSums(2);

    IllegalArgumentException addAll = assertThrows(IllegalArgumentException.class, () -> sums.addAll(new double[3]));
    IllegalArgumentException merge = assertThrows(IllegalArgumentException.class, () -> sums.merge(new ExactSums(1)));

    assertEquals("expected 2 values but got 3", addAll.getMessage());
    assertEquals("cannot merge 1 sums into 2", merge.getMessage());
  }
}
