package org.sparsify.gradient.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LibsvmParserTest {

  @Test
  void parsesOneBasedIndicesToZeroBased() {
    SparseExample example = LibsvmParser.parse("+1 3:0.5 10:2 7:1e-1", 4, 0);

    assertEquals(4, example.id());
    assertEquals(1.0, example.label());
    assertArrayEquals(new int[] {2, 6, 9}, example.indices());
    assertArrayEquals(new double[] {0.5, 0.1, 2.0}, example.values());
  }

  @Test
  void acceptsBothLabelCodings() {
    assertEquals(-1.0, LibsvmParser.parse("-1 1:1", 0, 0).label());
    assertEquals(-1.0, LibsvmParser.parse("0 1:1", 0, 0).label());
    assertEquals(-1.0, LibsvmParser.parse("-1.0 1:1", 0, 0).label());
    assertEquals(1.0, LibsvmParser.parse("1 1:1", 0, 0).label());
    assertEquals(1.0, LibsvmParser.parse("1.0 1:1", 0, 0).label());
  }

  @Test
  void skipsBlankAndCommentLinesAndDropsZeros() {
    assertNull(LibsvmParser.parse("   ", 0, 0));
    assertNull(LibsvmParser.parse("# header", 0, 0));
    SparseExample example = LibsvmParser.parse("1 2:0 4:3 # trailing comment\r", 0, 0);

    assertArrayEquals(new int[] {3}, example.indices());
  }

  @Test
  void badValuesAreRejectedWithTheValue() {
    assertEquals("feature value must be finite but was '3:NaN'; remove or impute the value",
        message("1 3:NaN"));
    assertEquals("feature value must be finite but was '3:Infinity'; remove or impute the value",
        message("1 3:Infinity"));
    assertEquals("feature value must be finite but was '3:nan'; remove or impute the value",
        message("1 3:nan"));
    assertEquals("feature value must be finite but was '3:-inf'; remove or impute the value",
        message("1 3:-inf"));
    assertEquals("label must be -1, 0 or +1 but was '2'; convert the labels to a binary coding",
        message("2 1:1"));
    assertEquals("label must be -1, 0 or +1 but was 'yes'; every line must start with its label",
        message("yes 1:1"));
    assertEquals("label must be -1, 0 or +1 but was '1:0.2'; the line starts with a feature, so its label is"
        + " missing; every line must start with its label", message("1:0.2 2:1"));
    assertEquals("feature index must be an integer >= 1 (LIBSVM indices are 1-based) but was 0",
        message("1 0:1"));
    assertEquals("feature must be index:value but was '5'", message("1 5"));
    assertEquals("feature index 4 appears twice", message("1 4:1 4:2"));
  }

  @Test
  void featureLimitIsEnforced() {
    assertEquals(2, LibsvmParser.parse("1 5:1 122:1", 0, 123).indices().length);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> LibsvmParser.parse("1 124:1", 0, 123));

    assertEquals("feature index must be <= 123 (the feature count) but was 124; "
        + "raise the feature count option or leave it unset", error.getMessage());
  }

  private static String message(String line) {
    return assertThrows(IllegalArgumentException.class, () -> LibsvmParser.parse(line, 0, 0))
        .getMessage();
  }
}
