package org.sparsify.jobs;

import java.io.IOException;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;

/**
 * The life cycle shared by every job: parse options, print help, stage the output directory, run,
 * write {@code metrics.json}, commit, and map failures to exit codes.
 *
 * <p>Exit codes: 0 success, 2 invalid options or input (the message states what to fix), 1 any
 * other failure.
 */
public final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private JobRunner() {}

  /** The body of one job, writing into a staged output directory. */
  @FunctionalInterface
  public interface Body {
    void run(SparkSession spark, JobOptions.Parsed options, OutputDirectory output, MetricsJson metrics)
        throws IOException;
  }

  /** Runs {@code body} with a session from {@link SparkSessions}; returns the exit code. */
  public static int run(String job, JobOptions declared, String[] args, Body body) {
    JobOptions.Parsed options;
    try {
      options = declared.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(job + ": " + e.getMessage());
      return 2;
    }
    if (options.flag("help")) {
      System.out.print(declared.help());
      return 0;
    }
    try {
      LOG.info("{}: parameters {}", job, options.resolved());
      rejectExistingOutput(options);
      SparkSession spark = SparkSessions.create("sparsify-" + job);
      runStaged(spark, job, options, body);
      return 0;
    } catch (IllegalArgumentException e) { // invalid options or input, InputFormatException included
      LOG.error("{} failed: {}", job, e.getMessage());
      System.err.println(job + ": " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      String missing = missingInput(e);
      if (missing != null) {
        LOG.error("{} failed: {}", job, missing, e);
        System.err.println(job + ": " + missing + "; check the path, which may be a file, a folder or a glob");
        return 2;
      }
      LOG.error("{} failed", job, e);
      System.err.println(job + " failed: " + e);
      return 1;
    }
  }

  /** Returns Hadoop's message when {@code failure} comes from an input path that does not exist, else null. */
  static String missingInput(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.apache.hadoop.mapreduce.lib.input.InvalidInputException
          || cause instanceof org.apache.hadoop.mapred.InvalidInputException
          || cause instanceof java.io.FileNotFoundException) {
        return cause.getMessage();
      }
    }
    return null;
  }

  /**
   * Fails fast, before Spark starts, when the output exists and {@code --overwrite} is absent.
   * {@link OutputDirectory#prepare} checks again with Spark's Hadoop configuration.
   */
  private static void rejectExistingOutput(JobOptions.Parsed options) throws IOException {
    String output = options.required("output");
    if (options.flag("overwrite")) {
      return;
    }
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output);
    if (path.getFileSystem(new org.apache.hadoop.conf.Configuration()).exists(path)) {
      throw new IllegalArgumentException("output directory " + output
          + " already exists; choose another --output or add --overwrite to replace it");
    }
  }

  private static void runStaged(SparkSession spark, String job, JobOptions.Parsed options, Body body)
      throws IOException {
    OutputDirectory output =
        OutputDirectory.prepare(
            spark.sparkContext().hadoopConfiguration(), options.required("output"), options.flag("overwrite"));
    boolean committed = false;
    try {
      MetricsJson metrics = new MetricsJson().put("job", job).put("parameters", options.resolved());
      body.run(spark, options, output, metrics);
      output.writeText("metrics.json", metrics.toJson());
      output.commit();
      committed = true;
      LOG.info("{}: wrote {}", job, output.target());
    } finally {
      if (!committed) {
        output.abort();
      }
    }
  }

  /** Runs a job from {@code main}: stops Spark and exits with the job's exit code. */
  public static void exit(int code) {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    System.exit(code);
  }

  /** Names the Spark jobs that follow in the Spark UI, for example {@code load} or {@code round 7}. */
  public static void describe(String step) {
    SparkSession.active().sparkContext().setJobDescription(step);
  }

  /** Returns the milliseconds elapsed since {@code startNanos}. */
  public static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000L;
  }
}
