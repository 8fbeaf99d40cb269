package org.sparsify.graph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsify.common.SeededHash;

class PartitionAgreementTest {

  private static final double TOLERANCE = 1e-12;

  @Test
  void identicalPartitionsUpToRenaming() {
    ContingencyTable table = ContingencyTable.of(new int[] {0, 0, 1, 1, 2}, new int[] {5, 5, 3, 3, -1});
    assertEquals(1.0, PartitionAgreement.adjustedRandIndex(table), TOLERANCE);
    assertEquals(1.0, PartitionAgreement.normalizedMutualInformation(table), TOLERANCE);
  }

  @Test
  void refinementMatchesHandComputedValues() {
    // Pairs: within-cell sum 1, row sum 2, column sum 1, total 6: ARI = (1 - 1/3) / (1.5 - 1/3) = 4/7.
    // MI = ln 2; entropies ln 2 and 1.5 ln 2: NMI = 1 / 1.25 = 0.8.
    ContingencyTable table = ContingencyTable.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2});
    assertEquals(4.0 / 7.0, PartitionAgreement.adjustedRandIndex(table), TOLERANCE);
    assertEquals(0.8, PartitionAgreement.normalizedMutualInformation(table), TOLERANCE);
  }

  @Test
  void independentLabelsScoreNearZero() {
    int n = 20_000;
    int[] first = new int[n];
    int[] second = new int[n];
    for (int i = 0; i < n; i++) {
      first[i] = (int) (SeededHash.toUnitInterval(SeededHash.hash(1, i)) * 5);
      second[i] = (int) (SeededHash.toUnitInterval(SeededHash.hash(2, i)) * 7);
    }
    ContingencyTable table = ContingencyTable.of(first, second);
    assertEquals(0.0, PartitionAgreement.adjustedRandIndex(table), 0.01);
    assertTrue(PartitionAgreement.normalizedMutualInformation(table) < 0.01);
  }

  @Test
  void countsEqualExplicitLabels() {
    ContingencyTable counted = new ContingencyTable().add(0, 0, 2).add(1, 1, 1).add(1, 2, 1);
    ContingencyTable explicit = ContingencyTable.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2});
    assertEquals(
        PartitionAgreement.adjustedRandIndex(explicit), PartitionAgreement.adjustedRandIndex(counted), TOLERANCE);
  }

  @Test
  void singleClusterOnBothSides() {
    ContingencyTable table = ContingencyTable.of(new int[] {4, 4, 4}, new int[] {1, 1, 1});
    assertEquals(1.0, PartitionAgreement.adjustedRandIndex(table), TOLERANCE);
    assertEquals(1.0, PartitionAgreement.normalizedMutualInformation(table), TOLERANCE);
  }

  @Test
  void emptyTableRejected() {
    assertThrows(IllegalArgumentException.class, () -> PartitionAgreement.adjustedRandIndex(new ContingencyTable()));
    assertThrows(IllegalArgumentException.class, () -> ContingencyTable.of(new int[] {1}, new int[] {1, 2}));
  }
}
