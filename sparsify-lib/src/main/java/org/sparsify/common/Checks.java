package org.sparsify.common;

/**
 * Argument checks shared by the library. Every message states the rule and the value received, for
 * example {@code fraction must be in (0, 1] but was 1.5}.
 */
public final class Checks {

  private Checks() {}

  /** Requires {@code value} to be finite and in (0, 1]. */
  public static double probability(String name, double value) {
    if (!(value > 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in (0, 1] but was " + value);
    }
    return value;
  }

  /** Requires {@code value} to be finite and strictly positive. */
  public static double positive(String name, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0 but was " + value);
    }
    return value;
  }

  /** Requires {@code value} to be finite and not negative. */
  public static double nonNegative(String name, double value) {
    if (!(value >= 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0 but was " + value);
    }
    return value;
  }

  /** Requires {@code value >= min}. */
  public static long atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
    }
    return value;
  }

  /** Requires {@code value >= min}. */
  public static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
    }
    return value;
  }
}
