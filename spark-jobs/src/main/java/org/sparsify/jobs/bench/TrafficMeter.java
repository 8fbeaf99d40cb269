package org.sparsify.jobs.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the bytes that finished tasks send back: serialized task results (what {@code
 * treeAggregate} and {@code collect} return to the driver) and shuffle writes.
 *
 * <p>The counts come from Spark's own task metrics, so the same meter measures our trainer and
 * MLlib. Listener events arrive asynchronously; {@link #snapshot} is read after the measured job
 * has returned, and a late event can still land in the next measurement.
 * NOTE: broadcast traffic (the model sent to the workers each round) is not counted.
 */
final class TrafficMeter extends SparkListener {

  private final AtomicLong resultBytes = new AtomicLong();
  private final AtomicLong shuffleBytes = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();

  /** Bytes counted between two snapshots. */
  record Traffic(long resultBytes, long shuffleBytes, long tasks) {
    Traffic minus(Traffic earlier) {
      return new Traffic(resultBytes - earlier.resultBytes, shuffleBytes - earlier.shuffleBytes, tasks - earlier.tasks);
    }

    long totalBytes() {
      return resultBytes + shuffleBytes;
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    TaskMetrics metrics = taskEnd.taskMetrics();
    if (metrics == null) {
      return;
    }
    resultBytes.addAndGet(metrics.resultSize());
    shuffleBytes.addAndGet(metrics.shuffleWriteMetrics().bytesWritten());
    tasks.incrementAndGet();
  }

  /** Returns the totals so far. */
  Traffic snapshot() {
    return new Traffic(resultBytes.get(), shuffleBytes.get(), tasks.get());
  }
}
