package org.sparsify.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs {@code deploy/sparsify-dated} as a scheduler would, against dated folders on the in-process
 * HDFS, in local mode: a partial output left by a failed run is replaced by a committed one, a
 * rerun skips the committed date, and a date without input exits with code 3.
 */
@ExtendWith(ClusterEnvironmentExtension.class)
class DatedPipelineIT {

    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy/sparsify-dated");

    @Test
    void datedRunsReplaceSkipAndWait(ClusterEnvironment env) throws Exception {
        String inputRoot = env.hdfs().path("dumps/graph");
        String outputRoot = env.hdfs().path("sparsified/graph");
        JobCases.writePlantedPartition(env.hdfs(), inputRoot + "/dt=2026-12-01/edges.tsv", 4, 200, 8, 1201L);
        FileSystem fs = env.hdfs().fileSystem();

        // A partial output, as a killed run leaves it, is replaced by a committed one.
        String output = outputRoot + "/dt=2026-12-01";
        org.apache.hadoop.fs.Path stale = new org.apache.hadoop.fs.Path(output, "edges/part-00000");
        try (var out = fs.create(stale)) {
            out.write("1\t2\t9.0\n".getBytes(StandardCharsets.UTF_8));
        }
        Result replace = runDated(env, "2026-12-01", inputRoot, outputRoot);
        assertEquals(0, replace.exit(), replace.output());
        assertTrue(replace.output().contains("a failed run left it; replacing it"), replace.output());
        JobOutputs.assertCommitted(output);
        assertFalse(JobOutputs.records(output).get("edges").contains("1\t2\t9.0"), "the partial run's edges survived");
        long committedAt = fs.getFileStatus(new org.apache.hadoop.fs.Path(output, JobOutputs.SUCCESS)).getModificationTime();

        // A rerun of a committed date leaves it alone.
        Result rerun = runDated(env, "2026-12-01", inputRoot, outputRoot);
        assertEquals(0, rerun.exit(), rerun.output());
        assertTrue(rerun.output().contains("already committed; skipping"), rerun.output());
        assertEquals(committedAt,
                fs.getFileStatus(new org.apache.hadoop.fs.Path(output, JobOutputs.SUCCESS)).getModificationTime());

        // A date whose dump has not arrived exits with 3 and writes nothing.
        Result missing = runDated(env, "2026-12-02", inputRoot, outputRoot);
        assertEquals(3, missing.exit(), missing.output());
        assertTrue(missing.output().contains("not found"), missing.output());
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(outputRoot + "/dt=2026-12-02")));
    }

    private record Result(int exit, String output) {
    }

    private static Result runDated(ClusterEnvironment env, String date, String inputRoot, String outputRoot)
            throws IOException, InterruptedException {
        Path work = env.workDir().resolve("pipeline");
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "sample", "--date", date,
                "--input-root", inputRoot, "--output-root", outputRoot, "--profile", "tiny",
                "--master", "local[2]",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.hadoop.dfs.replication=1",
                "--conf", "spark.local.dir=" + tmp,
                "--seed", "11"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", ItSettings.sparkHome().toString());
        environment.put("SPARSIFY_JOB_JAR", ItSettings.jobJar().toString());
        environment.put("SPARSIFY_LOG_DIR", work.resolve("logs").toString());
        environment.put("SPARSIFY_DRIVER_MEMORY", "1g");
        environment.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.getOrDefault("PATH", ""));

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("sparsify-dated timed out; output:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
