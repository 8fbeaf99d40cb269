package org.sparsify.gradient.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompressorSpecTest {

  @Test
  void everyFormBuildsItsCompressor() {
    assertInstanceOf(NoCompression.class, CompressorSpec.parse("none").build(123, 1, Double.NaN));
    assertEquals(50, ((TopKSparsifier) CompressorSpec.parse("topk:50").build(123, 1, 0)).k());
    assertEquals(1, ((TopKSparsifier) CompressorSpec.parse("topk-ratio:0.001").build(123, 1, 0)).k());
    assertInstanceOf(RandomKSparsifier.class, CompressorSpec.parse("randomk:8").build(123, 1, 0));
    assertEquals(0.02,
        ((HardThresholdSparsifier) CompressorSpec.parse("hard-threshold:0.02").build(123, 1, 0)).lambda());
    assertEquals(0.3,
        ((HardThresholdSparsifier) CompressorSpec.parse("hard-threshold-auto:10").build(123, 1, 0.3)).lambda());
  }

  @Test
  void autoFormNeedsCalibration() {
    CompressorSpec auto = CompressorSpec.parse(" Hard-Threshold-Auto:25 ");

    assertTrue(auto.needsCalibration());
    assertEquals(25, auto.calibrationTarget());
    assertEquals("hard-threshold-auto:25", auto.toString());
  }

  @Test
  void toStringParsesBack() {
    for (String spec : new String[] {"none", "topk:7", "topk-ratio:0.01", "randomk:3", "hard-threshold:0.5"}) {
      assertEquals(spec, CompressorSpec.parse(spec).toString());
    }
  }

  @Test
  void invalidSpecsNameTheValue() {
    assertEquals("unknown compressor 'top:5'; expected one of " + CompressorSpec.FORMS,
        message("top:5"));
    assertEquals("K must be an integer >= 1 but was 0.0 in 'topk:0'", message("topk:0"));
    assertEquals("K must be an integer >= 1 but was 2.5 in 'randomk:2.5'", message("randomk:2.5"));
    assertEquals("ratio must be in (0, 1] but was 1.5 in 'topk-ratio:1.5'", message("topk-ratio:1.5"));
    assertEquals("lambda must be a finite number > 0 but was -1.0 in 'hard-threshold:-1'",
        message("hard-threshold:-1"));
    assertEquals("compressor parameter must be a number but was 'abc' in 'topk:abc'", message("topk:abc"));
    assertEquals("compressor 'topk' is missing its parameter; expected one of " + CompressorSpec.FORMS,
        message("topk"));
    assertEquals("compressor 'none' takes no parameter but was 'none:3'", message("none:3"));
  }

  private static String message(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> CompressorSpec.parse(spec)).getMessage();
  }

  @Test
  void entryCountAboveModelSizeRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> CompressorSpec.parse("topk:1000").build(3, 1, Double.NaN));
    assertEquals("compressor topk:1000 keeps 1000 entries but the model has only 4 (3 features and the intercept);"
        + " use K <= 4, or 'none' to send the dense gradient", error.getMessage());
    assertInstanceOf(TopKSparsifier.class, CompressorSpec.parse("topk:4").build(3, 1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> CompressorSpec.parse("randomk:5").build(3, 1, Double.NaN));
  }
}
