package org.sparsify.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** The local Spark session of a test class: {@code local[2]}, no UI, few shuffle partitions. */
public final class LocalSpark {

  private LocalSpark() {}

  /** Starts (or returns the running) local session. Stop it in {@code @AfterAll}. */
  public static SparkSession start() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("sparsify-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** Returns the Java context of {@code spark}. */
  public static JavaSparkContext context(SparkSession spark) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }
}
