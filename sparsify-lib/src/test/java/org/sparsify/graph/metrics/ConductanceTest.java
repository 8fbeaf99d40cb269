package org.sparsify.graph.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConductanceTest {

  // Two triangles {0,1,2} and {3,4,5} joined by the edge 2-3.
  private static final long[] SRC = {0, 0, 1, 3, 3, 4, 2};
  private static final long[] DST = {1, 2, 2, 4, 5, 5, 3};
  private static final double[] UNIT = {1, 1, 1, 1, 1, 1, 1};

  @Test
  void twoTrianglesJoinedByOneEdge() {
    double[] conductance = Conductance.of(SRC, DST, UNIT, new int[] {0, 0, 0, 1, 1, 1}, 2);
    assertArrayEquals(new double[] {1.0 / 7.0, 1.0 / 7.0}, conductance, 1e-15);
  }

  @Test
  void singleClusterHasZeroConductance() {
    assertArrayEquals(new double[] {0.0}, Conductance.of(SRC, DST, UNIT, new int[] {0, 0, 0, 0, 0, 0}, 1), 0.0);
  }

  @Test
  void unassignedNodesCountInComplement() {
    // Node 5 is in no cluster: cluster 1 = {3, 4} has cut 3 (2-3, 3-5, 4-5) and volume 5; the complement 9.
    double[] conductance = Conductance.of(SRC, DST, UNIT, new int[] {0, 0, 0, 1, 1, -1}, 2);
    assertEquals(3.0 / 5.0, conductance[1], 1e-15);
    assertEquals(1.0 / 7.0, conductance[0], 1e-15);
  }

  @Test
  void weightsCount() {
    double[] weights = {1, 1, 1, 1, 1, 1, 4};
    double[] conductance = Conductance.of(SRC, DST, weights, new int[] {0, 0, 0, 1, 1, 1}, 2);
    assertEquals(4.0 / 10.0, conductance[0], 1e-15);
  }
}
