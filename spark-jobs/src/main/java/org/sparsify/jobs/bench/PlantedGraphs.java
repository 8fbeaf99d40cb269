package org.sparsify.jobs.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.graph.generate.PlantedPartition;
import org.sparsify.graph.generate.PlantedPartitionGenerator;

/** Writes planted-partition graphs from the product's generator as text files for benchmarks. */
public final class PlantedGraphs {

  private static final Logger LOG = LoggerFactory.getLogger(PlantedGraphs.class);

  private PlantedGraphs() {}

  /** The written edge list (lines "u TAB v") and labels (lines "node cluster"), each a directory of part files. */
  public record Files(String edges, String labels) {}

  /**
   * Generates a graph with about {@code edges} edges on {@code nodes} nodes in k equal clusters, a
   * fraction {@code mixing} of the edges between clusters, and writes it under {@code dir}.
   */
  public static Files write(SparkSession spark, long nodes, long edges, int k, double mixing, long seed, String dir) {
    PlantedPartition model = model(nodes, edges, k, mixing);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    PlantedPartitionGenerator.PlantedGraph planted =
        PlantedPartitionGenerator.generate(sc, model, seed, sc.defaultParallelism());
    planted.graph().edges().map(e -> e.src() + "\t" + e.dst()).saveAsTextFile(dir + "/edges");
    planted.labels().map(t -> t._1() + " " + t._2()).saveAsTextFile(dir + "/labels");
    LOG.info("generated {} with {} nodes and {} edges in {}", model, planted.graph().numNodes(),
        planted.graph().numEdges(), dir);
    planted.graph().edges().unpersist(false);
    return new Files(dir + "/edges", dir + "/labels");
  }

  /** Returns the planted-partition model with the requested size; see {@link #write}. */
  public static PlantedPartition model(long nodes, long edges, int k, double mixing) {
    if (k < 1 || !(mixing >= 0.0 && mixing <= 1.0)) {
      throw new IllegalArgumentException("clusters must be >= 1 and mixing in [0, 1] but were " + k + " and " + mixing);
    }
    int clusterSize = (int) Math.max(2, nodes / k);
    double s = clusterSize;
    double withinPairs = k * s * (s - 1) / 2.0;
    double acrossPairs = k * (k - 1) / 2.0 * s * s;
    double pIn = (1.0 - mixing) * edges / withinPairs;
    double pOut = k > 1 ? mixing * edges / acrossPairs : 0.0;
    if (pIn > 1.0 || pOut > 1.0) {
      throw new IllegalArgumentException("a planted graph with " + nodes + " nodes in " + k + " clusters cannot have "
          + edges + " edges with mixing " + mixing + "; use more nodes or fewer edges");
    }
    return new PlantedPartition(k, clusterSize, pIn, pOut);
  }
}
