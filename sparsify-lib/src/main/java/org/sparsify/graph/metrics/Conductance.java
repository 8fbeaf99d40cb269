package org.sparsify.graph.metrics;

/**
 * Conductance of the clusters of a weighted undirected graph: for a cluster S,
 * {@code cut(S) / min(vol(S), vol(V \ S))}, where cut(S) is the weight of the edges with exactly one
 * endpoint in S and vol(S) is the sum of the weighted degrees of the nodes in S (Kannan, Vempala and
 * Vetta, "On clusterings: good, bad and spectral", JACM 51(3), 2004, DOI 10.1145/990308.990313).
 *
 * <p>Values are in [0, 1]; lower is a better-separated cluster. A cluster whose volume, or whose
 * complement's volume, is 0 has conductance 0 when its cut is 0 (nothing to separate). Spark jobs
 * accumulate cut and volume per cluster in one pass over the edges and call {@link #fromTotals}.
 */
public final class Conductance {

  private Conductance() {}

  /**
   * Returns the conductance of each cluster from its cut weight and volume.
   *
   * @param cut cut[c] = weight of the edges leaving cluster c
   * @param volume volume[c] = sum of the weighted degrees in cluster c
   */
  public static double[] fromTotals(double[] cut, double[] volume) {
    if (cut.length != volume.length) {
      throw new IllegalArgumentException(
          "cut and volume must have one entry per cluster but had " + cut.length + " and " + volume.length);
    }
    double totalVolume = 0.0;
    for (double v : volume) {
      totalVolume += v;
    }

    double[] conductance = new double[cut.length];
    for (int c = 0; c < cut.length; c++) {
      double smaller = Math.min(volume[c], totalVolume - volume[c]);
      conductance[c] = smaller > 0.0 ? Math.min(1.0, cut[c] / smaller) : 0.0;
    }
    return conductance;
  }

  /**
   * Returns the conductance of each cluster 0..numClusters-1 of a graph given as edge arrays.
   *
   * @param src first endpoint of each undirected edge (each edge listed once)
   * @param dst second endpoint of each edge
   * @param weight weight of each edge
   * @param cluster cluster[i] in [0, numClusters) for every node index i; a negative value leaves the
   *     node out of every cluster (its edges still count in the complement's volume)
   */
  public static double[] of(long[] src, long[] dst, double[] weight, int[] cluster, int numClusters) {
    double[] cut = new double[numClusters];
    double[] volume = new double[numClusters];
    double outsideVolume = 0.0;
    for (int e = 0; e < src.length; e++) {
      int a = cluster[(int) src[e]];
      int b = cluster[(int) dst[e]];
      outsideVolume += (a < 0 ? weight[e] : 0.0) + (b < 0 ? weight[e] : 0.0);
      addEndpoint(cut, volume, a, b, weight[e]);
      addEndpoint(cut, volume, b, a, weight[e]);
    }
    return fromTotals(cut, volume, outsideVolume);
  }

  /** Like {@link #fromTotals(double[], double[])}, with volume outside every cluster added to the total. */
  public static double[] fromTotals(double[] cut, double[] volume, double outsideVolume) {
    double[] withOutside = new double[volume.length + 1];
    double[] cutWithOutside = new double[cut.length + 1];
    System.arraycopy(volume, 0, withOutside, 0, volume.length);
    System.arraycopy(cut, 0, cutWithOutside, 0, cut.length);
    withOutside[volume.length] = outsideVolume;
    double[] all = fromTotals(cutWithOutside, withOutside);
    double[] clustersOnly = new double[volume.length];
    System.arraycopy(all, 0, clustersOnly, 0, volume.length);
    return clustersOnly;
  }

  private static void addEndpoint(double[] cut, double[] volume, int own, int other, double weight) {
    if (own < 0) {
      return;
    }
    volume[own] += weight;
    if (own != other) {
      cut[own] += weight;
    }
  }
}
