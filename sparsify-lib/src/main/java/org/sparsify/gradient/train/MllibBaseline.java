package org.sparsify.gradient.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparsify.gradient.io.SparseExample;

/**
 * Spark MLlib's {@code LogisticRegression} (L-BFGS, dense aggregation) on the same examples and
 * objective, as the reference that compressed training is compared with.
 *
 * <p>Settings that make the objectives equal: {@code regParam} = R, {@code elasticNetParam} = 0
 * (MLlib's penalty is then (R/2)·‖w‖², intercept exempt), {@code standardization} = false, the
 * same intercept choice. Labels -1/+1 become 0/1. L-BFGS stops at a relative objective change
 * of 1e-6 or after the given number of iterations.
 */
public final class MllibBaseline {

  /**
   * The baseline's outcome.
   *
   * @param testAccuracy accuracy on the test set
   * @param finalLoss MLlib's final objective value
   * @param iterations L-BFGS iterations run
   * @param trainMillis wall time of {@code fit}
   */
  public record Result(double testAccuracy, double finalLoss, int iterations, long trainMillis) {}

  private MllibBaseline() {}

  /** Fits on {@code train} with at most {@code maxIterations} L-BFGS iterations and scores {@code test}. */
  public static Result run(
      SparkSession spark, JavaRDD<SparseExample> train, JavaRDD<SparseExample> test,
      int featureCount, double reg, boolean intercept, int maxIterations) {
    Dataset<Row> trainFrame = toFrame(spark, train, featureCount).cache();
    LogisticRegression estimator = new LogisticRegression()
        .setRegParam(reg)
        .setElasticNetParam(0.0)
        .setStandardization(false)
        .setFitIntercept(intercept)
        .setMaxIter(maxIterations)
        .setTol(1e-6);
    long start = System.nanoTime();
    LogisticRegressionModel model = estimator.fit(trainFrame);
    long millis = (System.nanoTime() - start) / 1_000_000;
    trainFrame.unpersist();

    Dataset<Row> scored = model.transform(toFrame(spark, test, featureCount));
    long total = scored.count();
    long correct = scored.filter("prediction = label").count();
    double[] objective = model.summary().objectiveHistory();
    return new Result((double) correct / total, objective[objective.length - 1],
        model.summary().totalIterations(), millis);
  }

  private static Dataset<Row> toFrame(SparkSession spark, JavaRDD<SparseExample> examples, int featureCount) {
    StructType schema = new StructType(new StructField[] {
      DataTypes.createStructField("label", DataTypes.DoubleType, false),
      DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
    });
    JavaRDD<Row> rows = examples.map(e -> RowFactory.create(
        e.label() > 0 ? 1.0 : 0.0, Vectors.sparse(featureCount, withinBound(e, featureCount), valuesWithin(e, featureCount))));
    return spark.createDataFrame(rows, schema);
  }

  private static int[] withinBound(SparseExample e, int featureCount) {
    List<Integer> kept = new ArrayList<>();
    for (int index : e.indices()) {
      if (index < featureCount) {
        kept.add(index);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[] valuesWithin(SparseExample e, int featureCount) {
    int n = withinBound(e, featureCount).length;
    double[] values = new double[n];
    System.arraycopy(e.values(), 0, values, 0, n);
    return values;
  }
}
