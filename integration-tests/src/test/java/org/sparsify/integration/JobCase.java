package org.sparsify.integration;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the HDFS and cluster tests run one job: the job name, its input on HDFS, the arguments of
 * one run and the metrics that may differ between equal runs.
 *
 * <p>A new job joins every test in {@link ClusterJobsIT} by adding one implementation to
 * {@link JobCases#all()}, which keeps the cases whose job class exists.
 */
interface JobCase {

    /** The job name that {@code org.sparsify.jobs.Main} dispatches on. */
    String job();

    /** The job's class in spark-jobs, whose presence puts the job under test. */
    String jobClass();

    /**
     * Writes the job's input under {@code hdfsDir} (an {@code hdfs://} folder) and returns the
     * input arguments, for example {@code --input hdfs://.../edges.tsv}. Called once per test run.
     */
    List<String> writeInput(MiniHdfs hdfs, String hdfsDir) throws IOException;

    /**
     * Returns the arguments of one run: the input arguments, the fixed seed, {@code partitions}
     * and {@code --output output}.
     */
    List<String> args(List<String> inputArgs, int partitions, String output);

    /**
     * Top-level keys of {@code metrics.json} that may differ between two runs with equal results,
     * such as timings and the echoed parameters (which include the output path).
     */
    Set<String> volatileMetrics();

    /**
     * A regular expression for a driver log line that the job prints only after its first Spark
     * stages are done. The fault tests kill an executor or the driver when it appears.
     */
    String pastFirstStages();

    /**
     * Returns whether the job's outputs must not depend on {@code partitions}; the determinism
     * test runs only such jobs. False for a job whose partition count is an algorithm parameter.
     */
    default boolean partitionInvariant() {
        return true;
    }

    /** Asserts the job's own consistency checks on a committed output, beyond equality with a reference. */
    default void assertSound(String output) throws IOException {
    }

    /** Columns of the job's CSV outputs (by header name) that hold timings and differ between equal runs. */
    default Set<String> volatileColumns() {
        return Set.of();
    }

    /**
     * Returns the arguments of a run with 300 solver passes or training rounds, or empty when the
     * job has no iterative loop.
     */
    default Optional<List<String>> longRunArgs(List<String> inputArgs, String output) {
        return Optional.empty();
    }
}
