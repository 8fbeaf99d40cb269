package org.sparsify.graph.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.distributed.BlockMatrix;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.testing.LocalSpark;

class BlockEigensolverTest {

  private static final double TOLERANCE = 1e-8;

  private static SparkSession spark;
  private static JavaSparkContext sc;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start();
    sc = LocalSpark.context(spark);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void plantedGraphMatchesDenseReference() {
    int n = 120;
    List<WeightedEdge> edges = TestGraphs.plantedPartition(3, 40, 0.3, 0.03, 11);
    double tau = TestGraphs.meanDegree(edges, n);
    SymmetricEigen dense = SymmetricEigen.of(TestGraphs.denseShiftedOperator(edges, n, tau), n);

    EigenResult result = solve(edges, n, 3, 4, Double.NaN);
    assertTrue(result.converged(), "unconverged vectors " + result.unconverged());
    for (int c = 0; c < 4; c++) {
      double expected = NormalizedLaplacian.laplacianEigenvalue(dense.values()[c]);
      assertEquals(expected, result.eigenvalues()[c], 1e-9, "eigenvalue " + c);
      assertTrue(result.residuals()[c] <= TOLERANCE, "residual " + c + " = " + result.residuals()[c]);
    }
    assertTrue(orthogonalityError(result) < 1e-10, "‖VᵀV − I‖ = " + orthogonalityError(result));
    assertTrue(denseResidual(result, edges, n, tau) < 10 * TOLERANCE);

    BlockMatrix asMllib = result.vectors().toBlockMatrix();
    asMllib.validate();
    assertEquals(n, asMllib.numRows());
    assertEquals(result.vectors().width(), asMllib.numCols());
  }

  @Test
  void isolatedNodesAndPlainLaplacian() {
    // Two triangles plus two isolated nodes, τ = 0: eigenvalues 0, 0 (one per triangle), then 1, 1.
    List<WeightedEdge> edges = List.of(
        new WeightedEdge(0, 1, 1), new WeightedEdge(1, 2, 1), new WeightedEdge(0, 2, 1),
        new WeightedEdge(3, 4, 1), new WeightedEdge(4, 5, 1), new WeightedEdge(3, 5, 1));
    EigenResult result = solve(edges, 8, 2, 4, 0.0);
    assertTrue(result.converged(), "unconverged vectors " + result.unconverged());
    assertEquals(0.0, result.eigenvalues()[0], 1e-9);
    assertEquals(0.0, result.eigenvalues()[1], 1e-9);
    assertEquals(1.0, result.eigenvalues()[2], 1e-9);
    assertEquals(1.0, result.eigenvalues()[3], 1e-9);
  }

  @Test
  void partitionCountDoesNotChangeABit() {
    int n = 600;
    List<WeightedEdge> edges = TestGraphs.plantedPartition(3, 200, 0.05, 0.005, 5);
    EigenResult one = solve(edges, n, 1, 4, Double.NaN, 1e-6);
    assertEquals(1, one.vectors().layout().numParts());
    for (int parts : new int[] {3, 5}) {
      EigenResult split = solve(edges, n, parts, 4, Double.NaN, 1e-6);

      assertEquals(parts, split.vectors().layout().numParts());
      assertEquals(one.passes(), split.passes(), parts + " parts");
      assertArrayEquals(one.eigenvalues(), split.eigenvalues(), 0.0, parts + " parts");
      double[][] expected = dense(one, 4);
      double[][] actual = dense(split, 4);
      for (int row = 0; row < n; row++) {
        assertArrayEquals(expected[row], actual[row], 0.0, "row " + row + " at " + parts + " parts");
      }
    }
  }

  @Test
  void passLimitReportsUnconvergedVectors() {
    int n = 200;
    List<WeightedEdge> edges = TestGraphs.plantedPartition(4, 50, 0.1, 0.05, 3);
    JavaSparkContext context = sc;
    PartitionedGraph graph = PartitionedGraph.build(context.parallelize(edges, 2), n, 2);
    NormalizedLaplacian operator = NormalizedLaplacian.of(graph, Double.NaN);
    EigensolverParams params = new EigensolverParams(5, 6, 1e-12, 4, 10, 1);
    List<Integer> progress = new ArrayList<>();
    EigenResult result = BlockEigensolver.solve(context, operator, params, (pass, residual, ms) -> progress.add(pass));
    assertFalse(result.converged());
    assertFalse(result.unconverged().isEmpty());
    assertEquals(4, result.passes());
    assertEquals(4, progress.get(progress.size() - 1));
    assertTrue(orthogonalityError(result) < 1e-8);
  }

  @Test
  void blockLargerThanGraphRejected() {
    List<WeightedEdge> edges = List.of(new WeightedEdge(0, 1, 1));
    PartitionedGraph graph = PartitionedGraph.build(sc.parallelize(edges, 1), 3, 1);
    NormalizedLaplacian operator = NormalizedLaplacian.of(graph, Double.NaN);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> BlockEigensolver.solve(sc, operator, EigensolverParams.defaults(2, 1), (p, r, t) -> {}));
    assertEquals("k = 2 needs a block of 6 vectors, but the graph has only 3 nodes; use a smaller block",
        error.getMessage());
  }

  private static EigenResult solve(List<WeightedEdge> edges, int n, int parts, int wanted, double tau) {
    return solve(edges, n, parts, wanted, tau, TOLERANCE);
  }

  private static EigenResult solve(
      List<WeightedEdge> edges, int n, int parts, int wanted, double tau, double tolerance) {
    // The edge list's own partitioning varies with the part count too.
    PartitionedGraph graph = PartitionedGraph.build(sc.parallelize(edges, parts + 2), n, parts);
    NormalizedLaplacian operator = NormalizedLaplacian.of(graph, tau);
    EigensolverParams params = new EigensolverParams(wanted, wanted + 4, tolerance, 300, 10, 42);
    return BlockEigensolver.solve(sc, operator, params, (pass, residual, ms) -> {});
  }

  static double[][] dense(EigenResult result, int columns) {
    int n = (int) result.vectors().layout().numRows();
    double[][] rows = new double[n][];
    for (Map.Entry<Long, double[]> row : result.vectors().rows(columns).collectAsMap().entrySet()) {
      rows[row.getKey().intValue()] = row.getValue();
    }
    return rows;
  }

  private static double orthogonalityError(EigenResult result) {
    int b = result.vectors().width();
    double[][] v = dense(result, b);
    double max = 0.0;
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < b; j++) {
        double dot = 0.0;
        for (double[] row : v) {
          dot += row[i] * row[j];
        }
        max = Math.max(max, Math.abs(dot - (i == j ? 1.0 : 0.0)));
      }
    }
    return max;
  }

  /** Returns max_c ‖L_τv_c − λ_c v_c‖ with L_τ = 2(I − B) formed densely in the test. */
  private static double denseResidual(EigenResult result, List<WeightedEdge> edges, int n, double tau) {
    double[] b = TestGraphs.denseShiftedOperator(edges, n, tau);
    double[][] v = dense(result, result.numWanted());
    double max = 0.0;
    for (int c = 0; c < result.numWanted(); c++) {
      double sum = 0.0;
      for (int i = 0; i < n; i++) {
        double lv = 2.0 * v[i][c];
        for (int j = 0; j < n; j++) {
          lv -= 2.0 * b[i + j * n] * v[j][c];
        }
        double r = lv - result.eigenvalues()[c] * v[i][c];
        sum += r * r;
      }
      max = Math.max(max, Math.sqrt(sum));
    }
    return max;
  }
}
