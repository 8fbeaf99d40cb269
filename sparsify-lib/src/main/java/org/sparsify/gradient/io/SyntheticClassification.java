package org.sparsify.gradient.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsify.common.Checks;
import org.sparsify.common.SeededHash;

/**
 * A seeded generator of sparse binary classification data drawn from a planted logistic model.
 *
 * <p>Planted weights w*_j are uniform in [-1, 1]. Row i has up to {@code nonZerosPerRow} distinct
 * binary features (value 1) at uniformly drawn indices, like one-hot encoded categories, and label
 * +1 with probability σ(2·w*·x), so the best achievable accuracy is well above 0.5 but below 1.
 * Row i depends only on the seed and i, so the data set is the same at any partition count. Cost
 * O(rows · nonZerosPerRow); no shuffle.
 *
 * @param rows the number of examples (default 20,000 in the {@code logreg} job)
 * @param features d (default 200)
 * @param nonZerosPerRow the number of feature draws per row (default 10); repeats merge
 * @param seed the seed of every draw
 */
public record SyntheticClassification(long rows, int features, int nonZerosPerRow, long seed)
    implements Serializable {

  /** Checks the parameters. */
  public SyntheticClassification {
    Checks.atLeast("rows", rows, 1);
    Checks.atLeast("features", features, 1);
    Checks.atLeast("nonZerosPerRow", nonZerosPerRow, 1);
  }

  /** Returns the examples in {@code partitions} partitions, ids 0..rows-1. */
  public JavaRDD<SparseExample> generate(JavaSparkContext jsc, int partitions) {
    Checks.atLeast("partitions", partitions, 1);
    List<long[]> ranges = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      ranges.add(new long[] {rows * p / partitions, rows * (p + 1) / partitions});
    }
    return jsc.parallelize(ranges, partitions).flatMap(range -> rowsIn(range[0], range[1]));
  }

  /** Returns the same data as {@link #generate}, numbered and counted. */
  public LabeledData generateData(JavaSparkContext jsc, int partitions) {
    return LabeledData.index(generate(jsc, partitions), describe(), error -> error);
  }

  private Iterator<SparseExample> rowsIn(long from, long to) {
    List<SparseExample> examples = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      examples.add(row(i));
    }
    return examples.iterator();
  }

  /** Returns row {@code i}. */
  public SparseExample row(long i) {
    TreeMap<Integer, Double> features = new TreeMap<>();
    for (int t = 0; t < nonZerosPerRow; t++) {
      int index = (int) Math.floorMod(SeededHash.hash(seed, i, t, 1), (long) this.features);
      features.put(index, 1.0);
    }
    double margin = 0.0;
    for (var entry : features.entrySet()) {
      margin += plantedWeight(entry.getKey()) * entry.getValue();
    }
    double probability = 1.0 / (1.0 + Math.exp(-2.0 * margin));
    double label = SeededHash.toUnitInterval(SeededHash.hash(seed, i, -1, 3)) < probability ? 1 : -1;
    int[] indices = features.keySet().stream().mapToInt(Integer::intValue).toArray();
    double[] values = features.values().stream().mapToDouble(Double::doubleValue).toArray();
    return new SparseExample(i, label, indices, values);
  }

  /** Returns the planted weight w*_j. */
  public double plantedWeight(int j) {
    return 2.0 * SeededHash.toUnitInterval(SeededHash.hash(seed, -1, j, 4)) - 1.0;
  }

  /** Returns a one-line description for logs and metrics. */
  public String describe() {
    return "synthetic(rows=" + rows + ", features=" + features + ", nonZerosPerRow="
        + nonZerosPerRow + ", seed=" + seed + ")";
  }
}
