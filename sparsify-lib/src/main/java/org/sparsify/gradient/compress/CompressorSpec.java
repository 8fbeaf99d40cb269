package org.sparsify.gradient.compress;

import java.io.Serializable;
import java.util.Locale;

/**
 * A parsed compressor specification string.
 *
 * <p>Accepted forms: {@code none}; {@code topk:K} (integer K >= 1); {@code topk-ratio:R} (R in
 * (0, 1], K = ceil(R·d) at least 1); {@code randomk:K}; {@code hard-threshold:λ} (λ > 0, in the
 * units of a = e + γ·g); {@code hard-threshold-auto:K} (λ calibrated on the first round so that a
 * worker sends about K entries, see {@link #calibrationTarget}).
 *
 * @param kind the compressor family
 * @param parameter K, R or λ as given; 0 for {@code none}
 */
public record CompressorSpec(Kind kind, double parameter) implements Serializable {

  /** The compressor families. */
  public enum Kind {
    NONE("none"),
    TOP_K("topk"),
    TOP_K_RATIO("topk-ratio"),
    RANDOM_K("randomk"),
    HARD_THRESHOLD("hard-threshold"),
    HARD_THRESHOLD_AUTO("hard-threshold-auto");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** Returns the name used in specification strings. */
    public String prefix() {
      return prefix;
    }
  }

  /** The forms listed in error messages. */
  public static final String FORMS =
      "none, topk:K, topk-ratio:R, randomk:K, hard-threshold:LAMBDA, hard-threshold-auto:K";

  /**
   * Parses a specification string such as {@code topk:50}.
   *
   * @throws IllegalArgumentException naming the string and the accepted forms when it is invalid
   */
  public static CompressorSpec parse(String spec) {
    String text = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String argument = colon < 0 ? null : text.substring(colon + 1).trim();
    for (Kind kind : Kind.values()) {
      if (kind.prefix.equals(name)) {
        return new CompressorSpec(kind, parseParameter(kind, argument, spec));
      }
    }
    throw new IllegalArgumentException(
        "unknown compressor '" + spec + "'; expected one of " + FORMS);
  }

  private static double parseParameter(Kind kind, String argument, String spec) {
    if (kind == Kind.NONE) {
      if (argument != null) {
        throw new IllegalArgumentException("compressor 'none' takes no parameter but was '" + spec + "'");
      }
      return 0.0;
    }
    if (argument == null || argument.isEmpty()) {
      throw new IllegalArgumentException(
          "compressor '" + spec + "' is missing its parameter; expected one of " + FORMS);
    }
    double value;
    try {
      value = Double.parseDouble(argument);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "compressor parameter must be a number but was '" + argument + "' in '" + spec + "'", e);
    }
    checkParameter(kind, value, spec);
    return value;
  }

  private static void checkParameter(Kind kind, double value, String spec) {
    boolean integer = kind == Kind.TOP_K || kind == Kind.RANDOM_K || kind == Kind.HARD_THRESHOLD_AUTO;
    if (integer && !(value >= 1 && value == Math.rint(value) && value <= Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "K must be an integer >= 1 but was " + value + " in '" + spec + "'");
    }
    if (kind == Kind.TOP_K_RATIO && !(value > 0 && value <= 1)) {
      throw new IllegalArgumentException("ratio must be in (0, 1] but was " + value + " in '" + spec + "'");
    }
    if (kind == Kind.HARD_THRESHOLD && !(value > 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(
          "lambda must be a finite number > 0 but was " + value + " in '" + spec + "'");
    }
  }

  /** Returns whether λ must be calibrated on the first round before {@link #build} is called. */
  public boolean needsCalibration() {
    return kind == Kind.HARD_THRESHOLD_AUTO;
  }

  /** Returns the number of entries per worker that calibration aims at (K of the auto form). */
  public int calibrationTarget() {
    if (!needsCalibration()) {
      throw new IllegalStateException("compressor " + this + " needs no calibration");
    }
    return (int) parameter;
  }

  /**
   * Builds the compressor.
   *
   * @param featureCount d, for {@code topk-ratio} and the check that K is at most d + 1
   * @param seed the seed of {@code randomk}
   * @param calibratedLambda λ for {@code hard-threshold-auto}; ignored by the other forms
   * @throws IllegalArgumentException if K exceeds the model's d + 1 entries
   */
  public Compressor build(int featureCount, long seed, double calibratedLambda) {
    boolean countsEntries = kind == Kind.TOP_K || kind == Kind.RANDOM_K || kind == Kind.HARD_THRESHOLD_AUTO;
    if (countsEntries && parameter > featureCount + 1) {
      throw new IllegalArgumentException("compressor " + this + " keeps " + (long) parameter + " entries but the model"
          + " has only " + (featureCount + 1) + " (" + featureCount + " features and the intercept); use K <= "
          + (featureCount + 1) + ", or 'none' to send the dense gradient");
    }
    return switch (kind) {
      case NONE -> new NoCompression();
      case TOP_K -> new TopKSparsifier((int) parameter);
      case TOP_K_RATIO -> TopKSparsifier.fromRatio(parameter, featureCount);
      case RANDOM_K -> new RandomKSparsifier((int) parameter, seed);
      case HARD_THRESHOLD -> new HardThresholdSparsifier(parameter);
      case HARD_THRESHOLD_AUTO -> new HardThresholdSparsifier(calibratedLambda);
    };
  }

  @Override
  public String toString() {
    if (kind == Kind.NONE) {
      return kind.prefix;
    }
    boolean integer = parameter == Math.rint(parameter) && kind != Kind.HARD_THRESHOLD;
    return kind.prefix + ":" + (integer ? Long.toString((long) parameter) : Double.toString(parameter));
  }
}
