package org.sparsify.graph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SubspaceDistanceTest {

  @Test
  void rotatedBasisOfSameSubspace() {
    double c = Math.cos(0.7);
    double s = Math.sin(0.7);
    double[][] v = {{1, 0}, {0, 1}, {0, 0}};
    double[][] w = {{c, -s}, {s, c}, {0, 0}};
    assertEquals(0.0, SubspaceDistance.of(v, w), 1e-7);
  }

  @Test
  void knownPrincipalAngle() {
    double angle = 0.3;
    double[][] v = {{1, 0}, {0, 1}, {0, 0}};
    double[][] w = {{1, 0}, {0, Math.cos(angle)}, {0, Math.sin(angle)}};
    assertEquals(Math.sin(angle), SubspaceDistance.of(v, w), 1e-12);
  }

  @Test
  void orthogonalDirection() {
    double[][] v = {{1}, {0}};
    double[][] w = {{0}, {-1}};
    assertEquals(1.0, SubspaceDistance.of(v, w), 1e-15);
  }

  @Test
  void wrongShapeRejected() {
    assertThrows(IllegalArgumentException.class, () -> SubspaceDistance.fromCrossProduct(new double[3], 2));
  }
}
