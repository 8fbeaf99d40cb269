package org.sparsify.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each job of {@link JobCases} through {@code SparkSubmit} with the shaded job jar, reading its
 * input from and writing its output to the in-process HDFS, in local mode and on the loopback
 * standalone cluster, undisturbed and with an executor or the driver killed mid-run.
 *
 * <p>Cluster runs cost about a minute each on two cores, so the cluster runs only the reference
 * and the executor-kill run; partition counts and the killed driver run in local mode
 * ({@code local[2]}), which exercises the same output commit on HDFS. Independent local runs
 * start together.
 */
@ExtendWith(ClusterEnvironmentExtension.class)
class ClusterJobsIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration LONG_RUN_TIMEOUT = Duration.ofMinutes(15);
    /** Partition count of the reference runs; the determinism test adds 1 and 16 in local mode. */
    private static final int PARTITIONS = 4;

    private static final Pattern SPARK_INFO =
            Pattern.compile("INFO +(SparkContext|DAGScheduler|Executor|BlockManager\\w*|TaskSetManager|Utils): ");

    private static ClusterEnvironment env;
    private static final Map<String, List<String>> INPUT_ARGS = new HashMap<>();
    private static final Map<String, String> CLUSTER_REFERENCE = new HashMap<>();
    private static final Map<String, String> LOCAL_REFERENCE = new HashMap<>();

    @BeforeAll
    static void startEnvironment(ClusterEnvironment shared) {
        env = shared;
    }

    static List<JobCase> jobs() {
        return JobCases.all();
    }

    static List<JobCase> partitionInvariantJobs() {
        return JobCases.all().stream().filter(JobCase::partitionInvariant).toList();
    }

    static List<JobCase> iterativeJobs() {
        return JobCases.all().stream().filter(job -> job.longRunArgs(List.of(), "").isPresent()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void clusterMatchesLocalMode(JobCase job) throws Exception {
        JobOutputs.assertSameOutputs(localReference(job), clusterReference(job), job);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitionInvariantJobs")
    void sameOutputAtOneFourAndSixteenPartitions(JobCase job) throws Exception {
        String reference = localReference(job);
        // The two runs are independent, so they share the machine to save wall time.
        String one = output(job, "p1");
        String sixteen = output(job, "p16");
        JavaProcess runOne = submitLocal(job, 1, one);
        JavaProcess runSixteen = submitLocal(job, 16, sixteen);
        assertSucceeded(runOne);
        assertSucceeded(runSixteen);

        JobOutputs.assertSameOutputs(reference, one, job);
        JobOutputs.assertSameOutputs(reference, sixteen, job);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void executorKilledMidRunKeepsOutputs(JobCase job) throws Exception {
        String reference = clusterReference(job);
        String output = output(job, "executor-killed");
        JavaProcess run = submit(job, PARTITIONS, output);
        awaitPastFirstStages(job, run);

        List<ProcessHandle> executors = env.cluster().executors();
        assertEquals(ClusterEnvironment.WORKERS, executors.size(), "executor JVMs under the workers: " + executors);
        executors.get(0).destroyForcibly();

        assertSucceeded(run);
        assertTrue(run.logText().contains("Lost executor"),
                "the driver never saw the executor die, so the kill came too late; log tail:\n" + run.logTail(40));
        JobOutputs.assertSameOutputs(reference, output, job);
        job.assertSound(output);
    }

    /**
     * Returns the jobs of the killed-driver test: {@code sample} only, the cheapest job, because
     * every job commits its output through the same staging and rename in {@code JobRunner}.
     */
    static List<JobCase> commitJobs() {
        return JobCases.all().stream().filter(job -> job.job().equals("sample")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commitJobs")
    void killedDriverLeavesNoCommittedOutput(JobCase job) throws Exception {
        String reference = localReference(job);
        String output = output(job, "driver-killed");
        JavaProcess killed = submitLocal(job, PARTITIONS, output);
        awaitPastFirstStages(job, killed);

        killed.kill();
        assertNotEquals(0, killed.process().exitValue(), "the driver finished before it could be killed");
        JobOutputs.assertNotCommitted(output);

        // The same command again, without --overwrite: the leftovers of the killed run must not block it.
        assertSucceeded(submitLocal(job, PARTITIONS, output));
        JobOutputs.assertSameOutputs(reference, output, job);
    }

    @Test
    void longRunsFinish() throws Exception {
        // The runs are independent, so they share the machine to save wall time.
        Map<JobCase, JavaProcess> runs = new LinkedHashMap<>();
        Map<JobCase, String> outputs = new HashMap<>();
        for (JobCase job : iterativeJobs()) {
            String output = output(job, "long");
            outputs.put(job, output);
            runs.put(job, env.local(job.job())
                    .args(job.longRunArgs(input(job), output).orElseThrow())
                    .start(env.uniqueName(job.job() + "-long")));
        }
        assertFalse(runs.isEmpty(), "no job with a long run among " + JobCases.all());
        for (Map.Entry<JobCase, JavaProcess> entry : runs.entrySet()) {
            JavaProcess run = entry.getValue();
            int exit = run.awaitExit(LONG_RUN_TIMEOUT);
            assertFalse(run.logText().contains("StackOverflowError"), run.logTail(40));
            assertEquals(0, exit, run.name() + " failed; log " + run.log() + ", tail:\n" + run.logTail(60));
            JobOutputs.assertCommitted(outputs.get(entry.getKey()));
        }
    }

    /** Returns the output of an undisturbed cluster run, running it on first use. */
    private static String clusterReference(JobCase job) throws IOException, InterruptedException {
        String existing = CLUSTER_REFERENCE.get(job.job());
        if (existing == null) {
            existing = output(job, "cluster");
            assertSucceeded(submit(job, PARTITIONS, existing));
            CLUSTER_REFERENCE.put(job.job(), existing);
        }
        return existing;
    }

    /**
     * Returns the output of an undisturbed local-mode run, running it on first use with the
     * project's conf/log4j2.properties, whose effect on the driver log it checks.
     */
    private static String localReference(JobCase job) throws IOException, InterruptedException {
        String existing = LOCAL_REFERENCE.get(job.job());
        if (existing == null) {
            existing = output(job, "local");
            JavaProcess run = env.local(job.job())
                    .log4jConfig(ItSettings.confDir().resolve("log4j2.properties"))
                    .args(job.args(input(job), PARTITIONS, existing))
                    .start(env.uniqueName(job.job() + "-local"));
            assertSucceeded(run);
            assertQuietLog(job, run);
            LOCAL_REFERENCE.put(job.job(), existing);
        }
        return existing;
    }

    private static JavaProcess submitLocal(JobCase job, int partitions, String output) throws IOException {
        return env.local(job.job())
                .args(job.args(input(job), partitions, output))
                .start(env.uniqueName(job.job() + "-local"));
    }

    private static JavaProcess submit(JobCase job, int partitions, String output) throws IOException {
        return env.onCluster(job.job())
                .args(job.args(input(job), partitions, output))
                .start(env.uniqueName(job.job() + "-cluster"));
    }

    private static List<String> input(JobCase job) throws IOException {
        List<String> args = INPUT_ARGS.get(job.job());
        if (args == null) {
            args = job.writeInput(env.hdfs(), env.hdfs().path("input/" + job.job()));
            INPUT_ARGS.put(job.job(), args);
        }
        return args;
    }

    private static String output(JobCase job, String name) {
        return env.hdfs().path("output/" + job.job() + "/" + env.uniqueName(name));
    }

    private static void assertSucceeded(JavaProcess run) throws InterruptedException {
        int exit = run.awaitExit(RUN_TIMEOUT);
        assertEquals(0, exit, run.name() + " failed; log " + run.log() + ", tail:\n" + run.logTail(60));
    }

    private static void awaitPastFirstStages(JobCase job, JavaProcess run) throws InterruptedException {
        Pattern line = Pattern.compile(job.pastFirstStages());
        assertTrue(run.awaitLogLine(line, RUN_TIMEOUT),
                "no line matching '" + line + "' in the driver log; tail:\n" + run.logTail(40));
        assertTrue(run.process().isAlive(), "the job finished before it could be disturbed; use a larger input");
    }

    /**
     * With conf/log4j2.properties, the driver prints the job's progress lines and none of the INFO
     * lines that Spark's own loggers print on every run.
     */
    private static void assertQuietLog(JobCase job, JavaProcess run) {
        String log = run.logText();
        assertTrue(Pattern.compile(job.pastFirstStages()).matcher(log).find(),
                "no progress line matching '" + job.pastFirstStages() + "' in:\n" + run.logTail(40));
        List<String> sparkInfo = log.lines()
                .filter(line -> SPARK_INFO.matcher(line).find())
                .toList();
        assertTrue(sparkInfo.isEmpty(), "Spark INFO lines with conf/log4j2.properties: " + sparkInfo);
    }
}
