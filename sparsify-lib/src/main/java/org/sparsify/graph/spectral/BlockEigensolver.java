package org.sparsify.graph.spectral;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.sparsify.common.SeededHash;

/**
 * Bottom eigenpairs of a {@link NormalizedLaplacian} by LOBPCG without preconditioning (Knyazev,
 * "Toward the optimal preconditioned eigensolver: locally optimal block preconditioned conjugate
 * gradient method", SIAM J. Sci. Comput. 23(2), 2001, DOI 10.1137/S1064827500366124), run on the
 * positive semidefinite operator B = I − L_τ/2 whose top eigenpairs are wanted.
 *
 * <p>Each iteration applies B once to the residual block R = BX − XΘ and does Rayleigh–Ritz on the
 * span of [X, R, P], where P is the previous search direction. The basis is orthonormalised
 * implicitly by SVQB from its Gram matrix ({@link RayleighRitz}), which drops numerically dependent
 * directions instead of failing. BX and BP are updated by the same coefficients, so there is one
 * operator application (one distributed pass) per iteration. Convergence is judged per vector by
 * the Laplacian residual {@code ‖L_τx − λx‖ = 2‖Bx − θx‖}; only the first numWanted vectors must
 * converge. A final pass recomputes B·X from scratch, so the reported residuals are measured, not
 * carried along.
 *
 * <p>Cost per pass: one operator application (O(m·b) flops, one shuffle of O(n·b) numbers) and
 * one aggregation of two (3b)² Gram matrices (O(n·b²) flops). Driver memory: O(b²). The n × 4b
 * state [X, BX, P, BP] stays in a distributed {@link RowBlocks}; every {@code checkpointInterval}
 * passes it is checkpointed (reliably if the SparkContext has a checkpoint directory, otherwise
 * locally) so that hundreds of passes do not grow the lineage. The random start block comes from
 * {@link SeededHash} of (seed, row, column), so results do not depend on the partition count up to
 * floating-point summation order in the Gram aggregation.
 */
public final class BlockEigensolver {

  /** Receives one call per pass on the driver, for progress reporting. */
  @FunctionalInterface
  public interface PassListener {
    /**
     * Called after a pass.
     *
     * @param pass operator applications so far
     * @param maxResidual largest Laplacian residual among the wanted vectors, NaN when not yet known
     * @param elapsedMillis time since the solver started
     */
    void onPass(int pass, double maxResidual, long elapsedMillis);
  }

  private final NormalizedLaplacian operator;
  private final EigensolverParams params;
  private final PassListener listener;

  private BlockEigensolver(NormalizedLaplacian operator, EigensolverParams params, PassListener listener) {
    this.operator = operator;
    this.params = params;
    this.listener = listener;
  }

  /** Computes the bottom {@code params.numWanted()} eigenpairs of {@code operator}. */
  public static EigenResult solve(
      JavaSparkContext sc, NormalizedLaplacian operator, EigensolverParams params, PassListener listener) {
    long nodes = operator.layout().numRows();
    if (params.blockSize() > nodes) {
      long largestK = nodes - (params.blockSize() - params.numWanted());
      throw new IllegalArgumentException("k = " + params.numWanted() + " needs a block of " + params.blockSize()
          + " vectors, but the graph has only " + nodes + " nodes; "
          + (largestK >= 1 ? "ask for at most " + largestK + " clusters, or use a smaller block" : "use a smaller block"));
    }
    return new BlockEigensolver(operator, params, listener).run(sc);
  }

  private EigenResult run(JavaSparkContext sc) {
    long start = System.currentTimeMillis();
    int b = params.blockSize();
    Cleanup cleanup = new Cleanup();

    // Pass 1: Rayleigh-Ritz on the random start block.
    RowBlocks start0 = randomBlock(sc, operator.layout(), b, params.seed()).persist();
    RowBlocks product0 = operator.applyShifted(start0).persist();
    RayleighRitz ritz = rayleighRitz(start0, product0, b, b);
    RowBlocks state = initialState(start0, product0, ritz).persist();
    cleanup.afterNextJob(start0, product0);
    listener.onPass(1, Double.NaN, System.currentTimeMillis() - start);

    // LOBPCG iterations, one operator application each, keeping one pass for verification.
    double[] theta = ritz.ritzValues();
    boolean hasDirection = false;
    int passes = 1;
    while (passes < params.maxPasses() - 1) {
      double[] thetaNow = theta.clone();
      RowBlocks residual = state.map(b, (first, block) -> Lobpcg.residual(block, thetaNow, b));
      RowBlocks residualProduct = operator.applyShifted(residual).persist();
      passes++;
      Lobpcg.Basis basis = new Lobpcg.Basis(b, thetaNow, hasDirection);
      double[] grams = Lobpcg.grams(state, residualProduct, basis);
      cleanup.run();

      double maxResidual = maxWantedResidual(grams, basis);
      listener.onPass(passes, maxResidual, System.currentTimeMillis() - start);
      if (maxResidual <= params.tolerance()) {
        residualProduct.unpersist();
        break;
      }

      ritz = RayleighRitz.solve(Lobpcg.gram(grams, basis), Lobpcg.operatorGram(grams, basis), basis.size(), b);
      RowBlocks next = Lobpcg.update(state, residualProduct, basis, ritz.coefficients()).persist();
      cleanup.afterNextJob(residualProduct);
      if (passes % params.checkpointInterval() == 0) {
        cleanup.checkpoint(sc, next, state);
      } else {
        cleanup.afterNextJob(state);
      }
      state = next;
      System.arraycopy(ritz.ritzValues(), 0, theta, 0, b);
      hasDirection = true;
    }

    EigenResult result = verify(state, passes + 1, start);
    cleanup.afterNextJob(state);
    cleanup.finish(result.vectors());
    return result;
  }

  /** Recomputes B·X, rotates X to its Ritz vectors and measures their residuals (one pass). */
  private EigenResult verify(RowBlocks state, int passes, long start) {
    int b = params.blockSize();
    RowBlocks x = state.map(b, (first, block) -> Lobpcg.columns(block, 0, b)).persist();
    RowBlocks product = operator.applyShifted(x).persist();
    RayleighRitz ritz = rayleighRitz(x, product, b, b);
    double[] coefficients = ritz.coefficients();
    double[] theta = ritz.ritzValues();

    RowBlocks vectors = x.map(b, (first, block) -> Lobpcg.times(block, coefficients, b)).persist();
    RowBlocks rotatedProduct = product.map(b, (first, block) -> Lobpcg.times(block, coefficients, b));
    double[] squares = Lobpcg.residualSquares(vectors, rotatedProduct, theta);
    x.unpersist();
    product.unpersist();

    double[] eigenvalues = new double[b];
    double[] residuals = new double[b];
    for (int c = 0; c < b; c++) {
      eigenvalues[c] = NormalizedLaplacian.laplacianEigenvalue(theta[c]);
      residuals[c] = 2.0 * Math.sqrt(Math.max(0.0, squares[c]));
    }
    EigenResult result = new EigenResult(vectors, eigenvalues, residuals, params.numWanted(), params.tolerance(), passes);
    listener.onPass(passes, result.maxResidual(), System.currentTimeMillis() - start);
    return result;
  }

  private double maxWantedResidual(double[] grams, Lobpcg.Basis basis) {
    double max = 0.0;
    for (int c = 0; c < params.numWanted(); c++) {
      max = Math.max(max, 2.0 * Math.sqrt(Math.max(0.0, Lobpcg.residualNormSquared(grams, basis, c))));
    }
    return max;
  }

  private static RayleighRitz rayleighRitz(RowBlocks x, RowBlocks product, int s, int b) {
    double[] grams = Lobpcg.grams(x, product);
    return RayleighRitz.solve(Lobpcg.firstHalf(grams, s), Lobpcg.secondHalf(grams, s), s, b);
  }

  private static RowBlocks initialState(RowBlocks x, RowBlocks product, RayleighRitz ritz) {
    int b = x.width();
    double[] coefficients = ritz.coefficients();
    return x.zip(product, 4 * b, (first, block, productBlock) -> Lobpcg.initialState(block, productBlock, coefficients));
  }

  /** Returns an n × width block of values uniform in [-1, 1) drawn from SeededHash(seed, row, column). */
  static RowBlocks randomBlock(JavaSparkContext sc, RowLayout layout, int width, long seed) {
    return RowBlocks.generate(
        sc,
        layout,
        width,
        (first, rows) -> {
          double[] values = new double[rows * width];
          for (int c = 0; c < width; c++) {
            for (int r = 0; r < rows; r++) {
              values[r + c * rows] = 2.0 * SeededHash.toUnitInterval(SeededHash.hash(seed, first + r, c)) - 1.0;
            }
          }
          return new DenseMatrix(rows, width, values);
        });
  }

  /**
   * Blocks to unpersist once the next Spark job has materialised what was derived from them. A
   * locally checkpointed block has no lineage left, so it stays cached until the next checkpoint
   * has been materialised.
   */
  private static final class Cleanup {
    private final List<RowBlocks> pending = new ArrayList<>();
    private RowBlocks checkpointed;

    void afterNextJob(RowBlocks... blocks) {
      for (RowBlocks block : blocks) {
        if (block != checkpointed) {
          pending.add(block);
        }
      }
    }

    /** Checkpoints {@code next} (reliably if a checkpoint directory is set) and retires {@code previous}. */
    void checkpoint(JavaSparkContext sc, RowBlocks next, RowBlocks previous) {
      if (sc.getCheckpointDir().isPresent()) {
        next.blocks().checkpoint();
      } else {
        next.blocks().rdd().localCheckpoint();
      }
      afterNextJob(previous);
      if (checkpointed != null) {
        pending.add(checkpointed);
      }
      checkpointed = next;
    }

    void run() {
      pending.forEach(RowBlocks::unpersist);
      pending.clear();
    }

    /** Unpersists everything, the last checkpoint included, except {@code kept}. */
    void finish(RowBlocks kept) {
      run();
      if (checkpointed != null && checkpointed != kept) {
        checkpointed.unpersist();
      }
    }
  }
}
