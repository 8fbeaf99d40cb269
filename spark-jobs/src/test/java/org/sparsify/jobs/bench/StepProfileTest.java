package org.sparsify.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparsify.testing.LocalSpark;
import scala.Tuple2;

class StepProfileTest {

  @Test
  void metricsGroupedByJobDescription() throws InterruptedException {
    SparkSession spark = LocalSpark.start();
    StepProfile profile = new StepProfile();
    try {
      JavaSparkContext sc = LocalSpark.context(spark);
      spark.sparkContext().addSparkListener(profile);
      sc.setJobDescription("shuffle step");
      long keys = sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 4)
          .mapToPair(x -> new Tuple2<>(x % 3, x)).reduceByKey(Integer::sum, 2).count();
      sc.setJobDescription("pass 1");
      sc.parallelize(List.of(1, 2, 3), 3).count();
      sc.setJobDescription("pass 2");
      sc.parallelize(List.of(1, 2, 3), 3).count();
      sc.parallelize(List.of(1, 2), 2).count();

      Map<String, StepProfile.Step> steps = profile.drain(sc, 30_000);

      assertEquals(3L, keys);
      assertEquals(List.of("shuffle step", "pass 1", "pass 2"), List.copyOf(steps.keySet()), "no marker job");
      StepProfile.Step shuffle = steps.get("shuffle step");
      assertEquals(1, shuffle.jobs());
      assertEquals(6, shuffle.tasks(), "4 map tasks and 2 reduce tasks");
      assertTrue(shuffle.shuffleBytes() > 0, "the map stage writes shuffle data");
      assertTrue(shuffle.wallMs() >= 0);
      assertTrue(shuffle.runMs() >= 0);
      assertTrue(shuffle.cpuMs() >= 0);
      StepProfile.Step second = steps.get("pass 2");
      assertEquals(2, second.jobs());
      assertEquals(5, second.tasks());
      assertEquals(0, second.shuffleBytes());
      StepProfile.Step passes = StepProfile.total(steps, d -> d.startsWith("pass "));
      assertEquals(3, passes.jobs());
      assertEquals(8, passes.tasks());
      assertFalse(steps.containsKey("(no description)"));
    } finally {
      spark.sparkContext().removeSparkListener(profile);
      spark.stop();
    }
  }
}
