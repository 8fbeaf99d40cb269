package org.sparsify.graph.clustering;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.common.Checks;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.spectral.BlockEigensolver;
import org.sparsify.graph.spectral.EigenResult;
import org.sparsify.graph.spectral.EigensolverParams;
import org.sparsify.graph.spectral.NormalizedLaplacian;
import org.sparsify.graph.spectral.PartitionedGraph;

/**
 * Spectral clustering of a (sampled) graph: partition the graph once, find the bottom k eigenpairs
 * of its regularised normalized Laplacian with {@link BlockEigensolver}, and cluster the k
 * eigenvectors with {@link SpectralClustering}, repairing through the input graph. The solver's
 * block has at least one column more than k (four or more by default), so its column k + 1
 * estimates λ_(k+1), the far side of the eigengap. That column is not held to the tolerance,
 * because it lies in the bulk of the spectrum, where small gaps make it the slowest to converge.
 *
 * <p>Cost and determinism are those of the two steps; see their documentation.
 */
public final class SpectralPipeline {

  private SpectralPipeline() {}

  /**
   * Parameters of a run.
   *
   * @param tau degree regularisation τ ≥ 0, or NaN for the mean degree (the default)
   * @param partitions row parts of the partitioned graph and eigenvector blocks
   * @param solver eigensolver parameters; numWanted must be k and the block size at least k + 1
   * @param clustering clustering parameters
   */
  public record Params(double tau, int partitions, EigensolverParams solver, ClusteringParams clustering) {
    public Params {
      Checks.atLeast("partitions", partitions, 1);
      if (solver.numWanted() != clustering.k()) {
        throw new IllegalArgumentException(
            "the solver must converge k = " + clustering.k() + " eigenpairs but was set to " + solver.numWanted());
      }
      if (solver.blockSize() < clustering.k() + 1) {
        throw new IllegalArgumentException(
            "the solver block needs at least k + 1 = " + (clustering.k() + 1) + " columns but had " + solver.blockSize());
      }
    }

    /** Returns the defaults for k clusters: τ = mean degree, k converged pairs, one seed for all steps. */
    public static Params defaults(int k, int partitions, long seed) {
      return new Params(Double.NaN, partitions, EigensolverParams.defaults(k, seed), ClusteringParams.defaults(k, seed));
    }
  }

  /**
   * Output of a run. The eigenvector block stays cached for comparisons; call {@link #release}.
   *
   * @param eigen eigenpairs of the graph's Laplacian
   * @param clustering cluster assignments
   * @param tau the regularisation used
   * @param embedMillis wall time of partitioning and the eigensolver
   * @param clusterMillis wall time of the clustering and repair
   */
  public record Result(EigenResult eigen, ClusteringResult clustering, double tau, long embedMillis, long clusterMillis) {
    /** Removes the cached eigenvectors. */
    public void release() {
      eigen.vectors().unpersist();
    }
  }

  /** Receives the pipeline's progress on the driver: every eigensolver pass, then the clustering. */
  @FunctionalInterface
  public interface Listener extends BlockEigensolver.PassListener {
    /** Called once the eigensolver has finished, before the clustering's Spark jobs start. */
    default void onClustering() {}
  }

  /**
   * Runs the pipeline on {@code graphEdges} (for example a sample of {@code inputEdges}).
   *
   * @param numNodes n, the number of nodes of the input, including nodes without edges
   */
  public static Result run(
      JavaSparkContext sc, JavaRDD<WeightedEdge> graphEdges, JavaRDD<WeightedEdge> inputEdges, long numNodes,
      Params params, Listener listener) {
    long start = System.nanoTime();
    PartitionedGraph graph = PartitionedGraph.build(graphEdges, numNodes, params.partitions());
    NormalizedLaplacian laplacian = NormalizedLaplacian.of(graph, params.tau());
    EigenResult eigen = BlockEigensolver.solve(sc, laplacian, params.solver(), listener);
    laplacian.unpersist();
    long embedMillis = (System.nanoTime() - start) / 1_000_000L;

    start = System.nanoTime();
    listener.onClustering();
    if (inputEdges.getStorageLevel().equals(StorageLevel.NONE())) {
      inputEdges.persist(StorageLevel.MEMORY_AND_DISK());
    }
    ClusteringResult clustering = SpectralClustering.cluster(sc, eigen.vectors(), graph, inputEdges, params.clustering());
    graph.unpersist();
    long clusterMillis = (System.nanoTime() - start) / 1_000_000L;
    return new Result(eigen, clustering, laplacian.tau(), embedMillis, clusterMillis);
  }
}
