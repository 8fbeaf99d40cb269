package org.sparsify.gradient.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HardThresholdSparsifierTest {

  @Test
  void sendsEntriesAtOrAboveLambda() {
    double[] a = {0.5, -0.5, 0.49, -2.0, 0.0};

    SparseMessage message = new HardThresholdSparsifier(0.5).compress(a, 1, 0);

    assertEquals(3, message.entries());
    assertEquals(0.5, message.get(0));
    assertEquals(-0.5, message.get(1));
    assertEquals(0.0, message.get(2));
    assertEquals(-2.0, message.get(3));
  }

  @Test
  void thresholdAboveEveryValueSendsNothing() {
    double[] a = {1e3, -1e3, 7};

    SparseMessage message = new HardThresholdSparsifier(1e4).compress(a, 1, 0);

    assertEquals(0, message.entries());
    assertEquals(SparseMessage.HEADER_BYTES, message.wireBytes());
  }

  @Test
  void fallbackIsOneOverTwoRootK() {
    assertEquals(0.5, HardThresholdSparsifier.fallbackLambda(1), 1e-15);
    assertEquals(0.05, HardThresholdSparsifier.fallbackLambda(100), 1e-15);
  }

  @Test
  void nonPositiveLambdaIsRejected() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> new HardThresholdSparsifier(0));
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> new HardThresholdSparsifier(Double.NaN));

    assertEquals("lambda must be a finite number > 0 but was 0.0", zero.getMessage());
    assertEquals("lambda must be a finite number > 0 but was NaN", nan.getMessage());
  }
}
