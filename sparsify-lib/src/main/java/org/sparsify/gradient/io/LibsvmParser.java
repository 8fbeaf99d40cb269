package org.sparsify.gradient.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one line of LIBSVM text, {@code label index:value index:value ...}, into a
 * {@link SparseExample}. Spark-free.
 *
 * <p>Rules: labels -1/+1 or 0/1 (also written {@code +1}, {@code 1.0}, {@code -1.0}); 0 becomes
 * -1. Indices are 1-based in the text and 0-based in the example; they may come in any order but
 * not twice. Values must be finite; zero values are dropped. Blank lines and lines starting with
 * {@code #} return null. Anything after a {@code #} in a line is a comment.
 */
public final class LibsvmParser {

  /** Spellings of NaN and infinity that other tools write and Java's parser rejects or accepts. */
  private static final Set<String> NOT_FINITE =
      Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

  private LibsvmParser() {}

  /**
   * Parses {@code line}.
   *
   * @param featureLimit the number of features allowed, or 0 for no limit
   * @return the example, or null for a blank or comment line
   * @throws IllegalArgumentException whose message names the invalid value and what is accepted;
   *     callers add the file and line
   */
  public static SparseExample parse(String line, long id, int featureLimit) {
    int hash = line.indexOf('#');
    String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
    if (content.isEmpty()) {
      return null;
    }
    String[] tokens = content.split("\\s+");
    double label = parseLabel(tokens[0]);
    int[] indices = new int[tokens.length - 1];
    double[] values = new double[tokens.length - 1];
    for (int t = 1; t < tokens.length; t++) {
      parseFeature(tokens[t], featureLimit, indices, values, t - 1);
    }
    return sortedWithoutZeros(id, label, indices, values);
  }

  /**
   * Returns -1 or +1 for a label token.
   *
   * @throws IllegalArgumentException when the token is not -1, 0 or +1
   */
  public static double parseLabel(String token) {
    double value;
    try {
      value = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      String hint = token.contains(":")
          ? "the line starts with a feature, so its label is missing; every line must start with its label"
          : "every line must start with its label";
      throw new IllegalArgumentException("label must be -1, 0 or +1 but was '" + token + "'; " + hint, e);
    }
    if (value == 1.0) {
      return 1.0;
    }
    if (value == -1.0 || value == 0.0) {
      return -1.0;
    }
    throw new IllegalArgumentException(
        "label must be -1, 0 or +1 but was '" + token + "'; convert the labels to a binary coding");
  }

  private static void parseFeature(
      String token, int featureLimit, int[] indices, double[] values, int k) {
    int colon = token.indexOf(':');
    if (colon <= 0 || colon == token.length() - 1) {
      throw new IllegalArgumentException("feature must be index:value but was '" + token + "'");
    }
    String valueText = token.substring(colon + 1);
    if (NOT_FINITE.contains(valueText.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "feature value must be finite but was '" + token + "'; remove or impute the value");
    }
    long index;
    double value;
    try {
      index = Long.parseLong(token.substring(0, colon));
      value = Double.parseDouble(valueText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "feature must be index:value with an integer index and a number but was '" + token + "'", e);
    }
    if (index < 1 || index > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "feature index must be an integer >= 1 (LIBSVM indices are 1-based) but was " + index);
    }
    if (featureLimit > 0 && index > featureLimit) {
      throw new IllegalArgumentException(
          "feature index must be <= " + featureLimit + " (the feature count) but was " + index
              + "; raise the feature count option or leave it unset");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "feature value must be finite but was '" + token + "'; remove or impute the value");
    }
    indices[k] = (int) index - 1;
    values[k] = value;
  }

  private static SparseExample sortedWithoutZeros(
      long id, double label, int[] indices, double[] values) {
    Integer[] order = new Integer[indices.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(indices[a], indices[b]));
    int[] sortedIndices = new int[indices.length];
    double[] sortedValues = new double[indices.length];
    int n = 0;
    for (int k = 0; k < order.length; k++) {
      int index = indices[order[k]];
      if (k > 0 && index == indices[order[k - 1]]) {
        throw new IllegalArgumentException("feature index " + (index + 1) + " appears twice");
      }
      if (values[order[k]] != 0.0) {
        sortedIndices[n] = index;
        sortedValues[n++] = values[order[k]];
      }
    }
    return new SparseExample(
        id, label, Arrays.copyOf(sortedIndices, n), Arrays.copyOf(sortedValues, n));
  }
}
