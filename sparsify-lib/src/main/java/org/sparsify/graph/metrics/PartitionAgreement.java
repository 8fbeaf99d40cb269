package org.sparsify.graph.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Agreement between two partitions of the same items: adjusted Rand index and normalized mutual
 * information, computed from a {@link ContingencyTable}.
 *
 * <p>ARI is the Rand index corrected for chance by Hubert and Arabie, "Comparing partitions",
 * Journal of Classification 2 (1985), DOI 10.1007/BF01908075: 1 for identical partitions, about 0
 * for independent ones, and possibly negative. NMI is the mutual information divided by the
 * arithmetic mean of the two entropies (Vinh, Epps and Bailey, JMLR 11 (2010), "Information
 * theoretic measures for clusterings comparison", the normalisation scikit-learn uses by default),
 * in [0, 1]. Both cost O(cells) time and memory and need no Spark.
 *
 * <p>Degenerate cases follow scikit-learn 1.2: when both partitions put all items in one cluster, or
 * both put every item in its own cluster, ARI and NMI are 1. An empty table is rejected, so neither
 * method returns NaN.
 */
public final class PartitionAgreement {

  private PartitionAgreement() {}

  /** Returns the adjusted Rand index of the two partitions in {@code table}. */
  public static double adjustedRandIndex(ContingencyTable table) {
    Marginals marginals = Marginals.of(table);
    double sumCells = 0.0;
    for (long count : table.cells().values()) {
      sumCells += pairs(count);
    }
    double sumFirst = sumPairs(marginals.first);
    double sumSecond = sumPairs(marginals.second);
    double total = pairs(marginals.total);

    double expected = sumFirst * sumSecond / total;
    double maximum = 0.5 * (sumFirst + sumSecond);
    if (maximum == expected) {
      return 1.0;
    }
    return (sumCells - expected) / (maximum - expected);
  }

  /** Returns the normalized mutual information (arithmetic-mean normalisation) of the two partitions. */
  public static double normalizedMutualInformation(ContingencyTable table) {
    Marginals marginals = Marginals.of(table);
    double n = marginals.total;
    double entropyFirst = entropy(marginals.first, n);
    double entropySecond = entropy(marginals.second, n);
    if (entropyFirst == 0.0 && entropySecond == 0.0) {
      return 1.0;
    }

    double mutual = 0.0;
    for (Map.Entry<Long, Long> cell : table.cells().entrySet()) {
      double count = cell.getValue();
      if (count == 0) {
        continue;
      }
      double rowCount = marginals.first.get(ContingencyTable.firstOf(cell.getKey()));
      double columnCount = marginals.second.get(ContingencyTable.secondOf(cell.getKey()));
      mutual += count / n * Math.log(count * n / (rowCount * columnCount));
    }
    double normalized = mutual / (0.5 * (entropyFirst + entropySecond));
    return Math.max(0.0, Math.min(1.0, normalized));
  }

  private static double entropy(Map<Integer, Long> counts, double n) {
    double sum = 0.0;
    for (long count : counts.values()) {
      if (count > 0) {
        double p = count / n;
        sum -= p * Math.log(p);
      }
    }
    return sum;
  }

  private static double pairs(long count) {
    return 0.5 * count * (count - 1.0);
  }

  private static double sumPairs(Map<Integer, Long> counts) {
    double sum = 0.0;
    for (long count : counts.values()) {
      sum += pairs(count);
    }
    return sum;
  }

  /** Row sums, column sums and the total of a contingency table. */
  private record Marginals(Map<Integer, Long> first, Map<Integer, Long> second, long total) {

    static Marginals of(ContingencyTable table) {
      Map<Integer, Long> first = new HashMap<>();
      Map<Integer, Long> second = new HashMap<>();
      long total = 0;
      for (Map.Entry<Long, Long> cell : table.cells().entrySet()) {
        first.merge(ContingencyTable.firstOf(cell.getKey()), cell.getValue(), Long::sum);
        second.merge(ContingencyTable.secondOf(cell.getKey()), cell.getValue(), Long::sum);
        total += cell.getValue();
      }
      if (total == 0) {
        throw new IllegalArgumentException("a contingency table needs at least one item but had none");
      }
      return new Marginals(first, second, total);
    }
  }
}
