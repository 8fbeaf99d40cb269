package org.sparsify.gradient.train;

import java.util.Locale;

/** The rule that splits the training examples into the W worker shards. */
public enum Partitioning {
  /** A seeded shuffle: shards are equal-sized (±1) and i.i.d. samples of the data. */
  IID,
  /** Sorted by label (then by a seeded hash): most shards hold a single label. */
  LABEL_SKEWED;

  /** Parses {@code iid} or {@code label-skewed}. */
  public static Partitioning parse(String text) {
    String name = text.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "iid" -> IID;
      case "label-skewed" -> LABEL_SKEWED;
      default -> throw new IllegalArgumentException(
          "partitioning must be iid or label-skewed but was '" + text + "'");
    };
  }

  /** Returns the option value, {@code iid} or {@code label-skewed}. */
  public String optionValue() {
    return this == IID ? "iid" : "label-skewed";
  }
}
