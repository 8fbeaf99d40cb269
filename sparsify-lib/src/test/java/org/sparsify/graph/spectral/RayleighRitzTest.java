package org.sparsify.graph.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsify.common.SeededHash;

class RayleighRitzTest {

  private static final int N = 30;

  @Test
  void invariantSubspaceGivesExactEigenvalues() {
    double[] a = randomSymmetric(N, 7);
    SymmetricEigen exact = SymmetricEigen.of(a, N);
    int s = 4;
    // Basis: the top 4 eigenvectors mixed by an invertible matrix, plus a repeated column.
    double[] basis = new double[N * (s + 1)];
    for (int c = 0; c < s; c++) {
      for (int i = 0; i < N; i++) {
        basis[i + c * N] = exact.vectors()[i + c * N] + 0.5 * exact.vectors()[i + ((c + 1) % s) * N];
      }
    }
    System.arraycopy(basis, 0, basis, s * N, N);

    RayleighRitz ritz = solveFor(a, basis, s + 1, 3);
    assertEquals(s, ritz.rank());
    for (int c = 0; c < 3; c++) {
      assertEquals(exact.values()[c], ritz.ritzValues()[c], 1e-10);
    }
  }

  @Test
  void ritzVectorsAreOrthonormal() {
    double[] a = randomSymmetric(N, 3);
    double[] basis = randomSymmetric(N, 5); // any N x N matrix works as N columns; use the first 6
    RayleighRitz ritz = solveFor(a, basis, 6, 4);
    double[] vectors = RayleighRitz.multiply(basis, N, 6, ritz.coefficients(), 4);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double dot = 0.0;
        for (int r = 0; r < N; r++) {
          dot += vectors[r + i * N] * vectors[r + j * N];
        }
        assertEquals(i == j ? 1.0 : 0.0, dot, 1e-10);
      }
    }
    for (int c = 1; c < 4; c++) {
      assertTrue(ritz.ritzValues()[c - 1] >= ritz.ritzValues()[c]);
    }
  }

  @Test
  void rankDeficientBasisRejected() {
    double[] a = randomSymmetric(N, 3);
    double[] basis = new double[N * 3];
    for (int i = 0; i < N; i++) {
      basis[i] = i + 1.0;
      basis[i + N] = 2.0 * (i + 1.0);
    }
    assertThrows(IllegalStateException.class, () -> solveFor(a, basis, 3, 2));
  }

  private static RayleighRitz solveFor(double[] a, double[] basis, int s, int b) {
    double[] image = RayleighRitz.multiply(a, N, N, basis, s);
    double[] gram = new double[s * s];
    double[] operatorGram = new double[s * s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < s; j++) {
        for (int r = 0; r < N; r++) {
          gram[i + j * s] += basis[r + i * N] * basis[r + j * N];
          operatorGram[i + j * s] += basis[r + i * N] * image[r + j * N];
        }
      }
    }
    return RayleighRitz.solve(gram, operatorGram, s, b);
  }

  private static double[] randomSymmetric(int n, long seed) {
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double value = 2.0 * SeededHash.toUnitInterval(SeededHash.hash(seed, i, j)) - 1.0;
        a[i + j * n] = value;
        a[j + i * n] = value;
      }
    }
    return a;
  }
}
