package org.sparsify.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one {@code org.apache.spark.deploy.SparkSubmit} invocation of the shaded job jar in client
 * mode, the way {@code spark-submit} runs it, and starts it as its own JVM (the driver).
 */
final class SparkSubmitRun {

    private final String job;
    private final String master;
    private final Path workDir;
    private final Map<String, String> conf = new LinkedHashMap<>();
    private final List<String> jobArgs = new ArrayList<>();
    private Path log4jConfig;

    private SparkSubmitRun(String job, String master, Path workDir) {
        this.job = job;
        this.master = master;
        this.workDir = workDir;
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.executor.memory", "512m");
        conf.put("spark.hadoop.dfs.replication", "1");
        if (master.startsWith("local")) {
            // Standalone executors take their scratch folders from the worker's SPARK_LOCAL_DIRS.
            conf.put("spark.local.dir", workDir.resolve("local").toString());
        }
        conf.put("spark.executor.extraJavaOptions", "-Djava.io.tmpdir=" + workDir.resolve("tmp"));
    }

    /** Creates a run of {@code job} against {@code master} ({@code local[2]} or {@code spark://...}). */
    static SparkSubmitRun of(String job, String master, Path workDir) {
        return new SparkSubmitRun(job, master, workDir);
    }

    SparkSubmitRun conf(String key, String value) {
        conf.put(key, value);
        return this;
    }

    SparkSubmitRun args(List<String> args) {
        jobArgs.addAll(args);
        return this;
    }

    /** Sets the driver's log4j2 configuration file. Without one, Spark's own defaults apply. */
    SparkSubmitRun log4jConfig(Path file) {
        this.log4jConfig = file;
        return this;
    }

    /** Starts the driver JVM; its output goes to {@code logs/NAME.log} under the work folder. */
    JavaProcess start(String name) throws IOException {
        Path tmp = Files.createDirectories(workDir.resolve("tmp"));
        Files.createDirectories(workDir.resolve("local"));
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-Djava.io.tmpdir=" + tmp));
        if (log4jConfig != null) {
            jvm.add("-Dlog4j2.configurationFile=" + log4jConfig.toUri());
        }

        List<String> submit = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
                "--class", "org.sparsify.jobs.Main", "--name", "sparsify-" + job + "-" + name));
        conf.forEach((key, value) -> {
            submit.add("--conf");
            submit.add(key + "=" + value);
        });
        submit.add(ItSettings.jobJar().toString());
        submit.add(job);
        submit.addAll(jobArgs);
        return JavaProcess.start("driver " + name, jvm, "org.apache.spark.deploy.SparkSubmit", submit,
                Map.of(), workDir.resolve("logs/" + name + ".log"));
    }
}
