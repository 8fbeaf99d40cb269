package org.sparsify.integration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process HDFS and one loopback Spark standalone cluster (master and two workers), shared by
 * every integration test class in the run and stopped when the run ends.
 *
 * <p>Starting both costs about 15 s, so test classes get this through
 * {@link ClusterEnvironmentExtension} instead of starting their own.
 */
final class ClusterEnvironment implements ExtensionContext.Store.CloseableResource {

    /** Workers in the cluster; each has one core, so the cluster runs two tasks at a time. */
    static final int WORKERS = 2;

    private final Path workDir;
    private final Path driverLog4j;
    private final MiniHdfs hdfs;
    private final LoopbackSparkCluster cluster;
    private final AtomicInteger runCounter = new AtomicInteger();

    private ClusterEnvironment(Path workDir, Path driverLog4j, MiniHdfs hdfs, LoopbackSparkCluster cluster) {
        this.workDir = workDir;
        this.driverLog4j = driverLog4j;
        this.hdfs = hdfs;
        this.cluster = cluster;
    }

    static ClusterEnvironment start() throws IOException, InterruptedException {
        Path workDir = ItSettings.workDir();
        deleteRecursively(workDir);
        Files.createDirectories(workDir);

        // Executors read log4j2.properties from SPARK_CONF_DIR: the project's quiet configuration.
        Path executorConf = Files.createDirectories(workDir.resolve("executor-conf"));
        Files.copy(ItSettings.confDir().resolve("log4j2.properties"), executorConf.resolve("log4j2.properties"));

        // Drivers also log the scheduler's stage lines, which the fault tests wait for.
        Path driverLog4j = workDir.resolve("driver-log4j2.properties");
        try (InputStream in = ClusterEnvironment.class.getResourceAsStream("/driver-log4j2.properties")) {
            Files.copy(in, driverLog4j, StandardCopyOption.REPLACE_EXISTING);
        }

        MiniHdfs hdfs = MiniHdfs.start(workDir.resolve("hdfs"));
        try {
            LoopbackSparkCluster cluster = LoopbackSparkCluster.start(workDir.resolve("cluster"), executorConf, WORKERS);
            return new ClusterEnvironment(workDir, driverLog4j, hdfs, cluster);
        } catch (IOException | InterruptedException | RuntimeException e) {
            hdfs.close();
            throw e;
        }
    }

    MiniHdfs hdfs() {
        return hdfs;
    }

    LoopbackSparkCluster cluster() {
        return cluster;
    }

    Path workDir() {
        return workDir;
    }

    /** Creates a submission to the standalone cluster whose driver logs stage completions. */
    SparkSubmitRun onCluster(String job) {
        return SparkSubmitRun.of(job, cluster.masterUrl(), workDir.resolve("runs")).log4jConfig(driverLog4j);
    }

    /** Creates a submission in local mode (two threads) whose driver logs stage completions. */
    SparkSubmitRun local(String job) {
        return SparkSubmitRun.of(job, "local[2]", workDir.resolve("runs")).log4jConfig(driverLog4j);
    }

    /** Returns a run name that no earlier run in this test JVM used, for logs and output folders. */
    String uniqueName(String prefix) {
        return prefix + "-" + runCounter.incrementAndGet();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            hdfs.close();
            deleteRecursively(workDir.resolve("cluster"));
            deleteRecursively(workDir.resolve("hdfs"));
            deleteRecursively(workDir.resolve("runs").resolve("local"));
            deleteRecursively(workDir.resolve("runs").resolve("tmp"));
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
