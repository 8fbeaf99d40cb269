package org.sparsify.graph.spectral;

import java.util.ArrayList;
import java.util.List;
import org.sparsify.common.SeededHash;
import org.sparsify.graph.WeightedEdge;

/** Small seeded graphs for the spectral tests. */
public final class TestGraphs {

  private TestGraphs() {}

  /** A planted-partition graph: node i is in block i / blockSize; pairs join with pIn or pOut. */
  public static List<WeightedEdge> plantedPartition(int blocks, int blockSize, double pIn, double pOut, long seed) {
    int n = blocks * blockSize;
    List<WeightedEdge> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double p = i / blockSize == j / blockSize ? pIn : pOut;
        if (SeededHash.toUnitInterval(SeededHash.hash(seed, i, j)) < p) {
          edges.add(new WeightedEdge(i, j, 1.0));
        }
      }
    }
    return edges;
  }

  /** Returns the dense n × n column-major matrix B = (I + D_τ^-1/2 A D_τ^-1/2) / 2. */
  public static double[] denseShiftedOperator(List<WeightedEdge> edges, int n, double tau) {
    double[] degree = new double[n];
    for (WeightedEdge e : edges) {
      degree[(int) e.src()] += e.weight();
      degree[(int) e.dst()] += e.weight();
    }
    double[] b = new double[n * n];
    for (int i = 0; i < n; i++) {
      b[i + i * n] = 0.5;
    }
    for (WeightedEdge e : edges) {
      int i = (int) e.src();
      int j = (int) e.dst();
      double value = 0.5 * e.weight() / Math.sqrt((degree[i] + tau) * (degree[j] + tau));
      b[i + j * n] += value;
      b[j + i * n] += value;
    }
    return b;
  }

  /** Returns the mean weighted degree 2W/n. */
  public static double meanDegree(List<WeightedEdge> edges, int n) {
    double total = 0.0;
    for (WeightedEdge e : edges) {
      total += 2.0 * e.weight();
    }
    return total / n;
  }
}
