package org.sparsify.it.gradient;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the real data sets: system property {@code sparsify.data.dir}, else environment variable
 * {@code SPARSIFY_DATA_DIR}. A test whose file is missing is skipped with a message saying how to
 * set it.
 */
final class TestData {

  private TestData() {}

  /** Returns {@code relative} inside the data directory, or skips the calling test. */
  static Path require(String relative) {
    String dir = System.getProperty("sparsify.data.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("SPARSIFY_DATA_DIR");
    }
    assumeTrue(dir != null && !dir.isBlank(),
        "skipped: real data sets not configured; set -Dsparsify.data.dir=DIR or SPARSIFY_DATA_DIR=DIR"
            + " to the folder holding " + relative);
    Path file = Paths.get(dir).resolve(relative);
    assumeTrue(Files.exists(file),
        "skipped: " + file + " not found; check SPARSIFY_DATA_DIR or -Dsparsify.data.dir");
    return file;
  }
}
