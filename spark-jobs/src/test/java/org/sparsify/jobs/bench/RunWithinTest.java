package org.sparsify.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparsify.testing.LocalSpark;

class RunWithinTest {

  @Test
  void slowJobIsCancelledQuickJobIsNot() {
    SparkSession spark = LocalSpark.start();
    try {
      JavaSparkContext sc = LocalSpark.context(spark);
      assertNull(GraphBench.runWithin(spark, 60, "quick job", () -> sc.parallelize(List.of(1, 2), 2).count()));

      long start = System.nanoTime();
      String note = GraphBench.runWithin(spark, 1, "sleeping job", () -> sc.parallelize(List.of(1, 2), 2).map(x -> {
        Thread.sleep(120_000);
        return x;
      }).count());

      assertTrue(note.startsWith("timed out after 1 s; the jobs were cancelled"), note);
      assertFalse(note.contains("still ran"), "an interruptible task must stop: " + note);
      assertTrue(System.nanoTime() - start < 60_000_000_000L, "cancelling took a minute or more");
      assertEquals(3L, sc.parallelize(List.of(1, 2, 3), 2).count(), "the context stays usable");
    } finally {
      spark.stop();
    }
  }
}
