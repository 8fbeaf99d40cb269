package org.sparsify.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the SparkSession of a job, defaulting to local mode when no master is configured. */
public final class SparkSessions {

  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  /**
   * Returns a session named {@code appName}. Under spark-submit the master comes from its
   * arguments; run directly (tests, the local launcher) with no {@code spark.master} set, the job
   * uses {@code local[*]}.
   */
  public static SparkSession create(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (!conf.contains("spark.master")) {
      LOG.info("No spark.master configured; running in local mode (local[*])");
      conf.setMaster("local[*]");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
