package org.sparsify.jobs.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Adds up Spark's job and task metrics by job description ("load", "sampled embed pass 12", ...),
 * so that the bench reports where a job spent its time and what it shuffled without an event log.
 *
 * <p>A task counts towards the description of the job that submitted its stage; a job counts its
 * wall time from submission to completion. Listener events arrive asynchronously, in order:
 * {@link #drain} runs a one-task marker job and waits until its end event arrives, so every event
 * of the jobs before it has arrived too.
 */
final class StepProfile extends SparkListener {

  private static final String NO_DESCRIPTION = "(no description)";
  private static final String MARKER = "bench: end of profiled jobs";

  /** Totals of one job description. Times in milliseconds. */
  record Step(long jobs, long wallMs, long tasks, long runMs, long cpuMs, long shuffleBytes) {
    Step plus(Step other) {
      return new Step(jobs + other.jobs, wallMs + other.wallMs, tasks + other.tasks, runMs + other.runMs,
          cpuMs + other.cpuMs, shuffleBytes + other.shuffleBytes);
    }
  }

  /** A job seen to start and not yet seen to end. */
  private record RunningJob(String description, long startTime) {}

  private static final Step EMPTY = new Step(0, 0, 0, 0, 0, 0);

  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Map<Integer, String> stageDescription = new ConcurrentHashMap<>();
  private final Map<Integer, RunningJob> runningJobs = new ConcurrentHashMap<>();
  private volatile boolean markerEnded;

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    String description = describe(jobStart.properties());
    runningJobs.put(jobStart.jobId(), new RunningJob(description, jobStart.time()));
    add(description, new Step(1, 0, 0, 0, 0, 0));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    RunningJob job = runningJobs.remove(jobEnd.jobId());
    if (job != null) {
      add(job.description(), new Step(0, jobEnd.time() - job.startTime(), 0, 0, 0, 0));
      markerEnded |= MARKER.equals(job.description());
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    stageDescription.put(submitted.stageInfo().stageId(), describe(submitted.properties()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    TaskMetrics metrics = taskEnd.taskMetrics();
    String description = stageDescription.getOrDefault(taskEnd.stageId(), NO_DESCRIPTION);
    if (metrics == null) {
      add(description, new Step(0, 0, 1, 0, 0, 0));
      return;
    }
    add(description, new Step(0, 0, 1, metrics.executorRunTime(), metrics.executorCpuTime() / 1_000_000L,
        metrics.shuffleWriteMetrics().bytesWritten()));
  }

  /**
   * Runs the marker job, waits up to {@code maxWaitMillis} for its end event and returns the totals
   * by description, in the order the descriptions first appeared, without the marker.
   *
   * @throws IllegalStateException if the marker's end event did not arrive in time
   */
  Map<String, Step> drain(JavaSparkContext sc, long maxWaitMillis) throws InterruptedException {
    markerEnded = false;
    sc.setJobDescription(MARKER);
    try {
      sc.parallelize(List.of(1), 1).count();
    } finally {
      sc.setJobDescription(null);
    }
    long deadline = System.nanoTime() + maxWaitMillis * 1_000_000L;
    while (!markerEnded && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (!markerEnded) {
      throw new IllegalStateException("timed out after " + maxWaitMillis + " ms waiting for Spark's listener"
          + " events; if the log reports dropped events, raise spark.scheduler.listenerbus.eventqueue.capacity");
    }
    synchronized (steps) {
      Map<String, Step> copy = new LinkedHashMap<>(steps);
      copy.remove(MARKER);
      return copy;
    }
  }

  /** Returns the totals of every description that {@code filter} accepts, added up. */
  static Step total(Map<String, Step> steps, Predicate<String> filter) {
    Step total = EMPTY;
    for (Map.Entry<String, Step> entry : steps.entrySet()) {
      if (filter.test(entry.getKey())) {
        total = total.plus(entry.getValue());
      }
    }
    return total;
  }

  private void add(String description, Step delta) {
    synchronized (steps) {
      steps.merge(description, delta, Step::plus);
    }
  }

  private static String describe(Properties properties) {
    String description = properties == null ? null : properties.getProperty("spark.job.description");
    return description == null ? NO_DESCRIPTION : description;
  }
}
