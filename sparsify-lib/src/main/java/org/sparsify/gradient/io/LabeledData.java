package org.sparsify.gradient.io;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.common.SeededHash;

/**
 * Examples read from one input, with the counts that one pass over them found.
 *
 * @param examples the examples, ids 0..count-1 in input order, persisted at MEMORY_AND_DISK
 * @param count the number of examples
 * @param featureBound the largest 0-based feature index plus one (0 when no example has a feature)
 * @param positives the number of examples labelled +1
 * @param source the path or description of the input
 */
public record LabeledData(
    JavaRDD<SparseExample> examples, long count, int featureBound, long positives, String source) {

  /** Counts of one pass: examples, positives and the feature bound. */
  private record Counts(long count, long positives, int featureBound) implements Serializable {
    Counts add(SparseExample example) {
      return new Counts(
          count + 1,
          positives + (example.label() > 0 ? 1 : 0),
          Math.max(featureBound, example.featureBound()));
    }

    Counts merge(Counts other) {
      return new Counts(
          count + other.count,
          positives + other.positives,
          Math.max(featureBound, other.featureBound));
    }
  }

  /**
   * Numbers the examples 0..n-1 in input order, persists them and counts them. Errors that the
   * parsing throws on executors are rethrown here, on the driver, through {@code translate}.
   */
  static LabeledData index(
      JavaRDD<SparseExample> unindexed,
      String source,
      UnaryOperator<RuntimeException> translate) {
    // zipWithIndex runs a job of its own when there is more than one partition.
    JavaRDD<SparseExample> examples =
        runTranslated(() -> unindexed.zipWithIndex().map(pair -> pair._1().withId(pair._2())), translate);
    examples.persist(StorageLevel.MEMORY_AND_DISK());
    Counts counts =
        runTranslated(
            () -> examples.aggregate(new Counts(0, 0, 0), Counts::add, Counts::merge), translate);
    return new LabeledData(examples, counts.count(), counts.featureBound(), counts.positives(), source);
  }

  /**
   * Runs a Spark action and rethrows an invalid-input error found in the cause chain of its
   * failure, so that the user sees the file and line instead of a task failure dump.
   */
  static <T> T runTranslated(
      Supplier<T> action, UnaryOperator<RuntimeException> translate) {
    try {
      return action.get();
    } catch (Exception e) {
      // Spark's SparkException is checked but thrown from Scala without a declaration.
      Optional<IllegalArgumentException> invalid = findInvalidInput(e);
      if (invalid.isEmpty()) {
        throw LabeledData.<RuntimeException>rethrow(e);
      }
      RuntimeException translated = translate.apply(invalid.get());
      if (translated != e && translated.getCause() == null) {
        translated.initCause(e);
      }
      throw translated;
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }

  private static Optional<IllegalArgumentException> findInvalidInput(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException invalid) {
        return Optional.of(invalid);
      }
    }
    return Optional.empty();
  }

  /** Releases the persisted examples. */
  public void unpersist() {
    examples.unpersist(false);
  }

  /**
   * Splits off a seeded test set: an example goes to the test set when
   * SeededHash(seed, id) maps below {@code testFraction}, independently of partitioning. Both
   * parts are persisted and counted.
   *
   * @return the training part and the test part, in that order
   */
  public List<LabeledData> split(double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test fraction must be in (0, 1) but was " + testFraction);
    }
    JavaRDD<SparseExample> test = examples.filter(e -> isTest(e, testFraction, seed));
    JavaRDD<SparseExample> train = examples.filter(e -> !isTest(e, testFraction, seed));
    return List.of(recount(train, source + " (train part)"), recount(test, source + " (test part)"));
  }

  private static boolean isTest(SparseExample e, double testFraction, long seed) {
    return SeededHash.toUnitInterval(SeededHash.hash(seed, e.id(), 0x5E57L)) < testFraction;
  }

  private static LabeledData recount(JavaRDD<SparseExample> part, String source) {
    part.persist(StorageLevel.MEMORY_AND_DISK());
    Counts counts = part.aggregate(new Counts(0, 0, 0), Counts::add, Counts::merge);
    return new LabeledData(part, counts.count(), counts.featureBound(), counts.positives(), source);
  }
}
