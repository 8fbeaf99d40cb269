package org.sparsify.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the real data sets for tests: system property {@code sparsify.data.dir}, else
 * environment variable {@code SPARSIFY_DATA_DIR}. Tests that need a data set are skipped with a
 * message saying how to set it when neither points at the file.
 */
public final class TestData {

  public static final String PROPERTY = "sparsify.data.dir";
  public static final String ENVIRONMENT = "SPARSIFY_DATA_DIR";

  private TestData() {}

  /** Returns the data directory, or null when it is not configured. */
  public static Path directory() {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isBlank()) {
      dir = System.getenv(ENVIRONMENT);
    }
    return dir == null || dir.isBlank() ? null : Paths.get(dir);
  }

  /**
   * Returns {@code relative} inside the data directory, or skips the calling test when the data
   * directory is not configured or lacks the file.
   */
  public static Path require(String relative) {
    Path dir = directory();
    assumeTrue(dir != null,
        "skipped: real data sets not configured; set -D" + PROPERTY + "=DIR or " + ENVIRONMENT
            + "=DIR to the folder holding " + relative);
    Path file = dir.resolve(relative);
    assumeTrue(Files.exists(file), "skipped: " + file + " not found; check " + ENVIRONMENT + " or -D" + PROPERTY);
    return file;
  }
}
