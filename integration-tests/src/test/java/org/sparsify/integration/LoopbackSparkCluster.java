package org.sparsify.integration;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1: one master and two workers (1 core, 1 GiB each), each a
 * separate JVM started from the Maven-resolved Spark jars.
 *
 * <p>Executors that the workers launch write their logs and shuffle files under the work folder and
 * read {@code log4j2.properties} from the conf folder given at start.
 */
final class LoopbackSparkCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final JavaProcess master;
    private final List<JavaProcess> workers;
    private final String masterUrl;

    private LoopbackSparkCluster(JavaProcess master, List<JavaProcess> workers, String masterUrl) {
        this.master = master;
        this.workers = workers;
        this.masterUrl = masterUrl;
    }

    static LoopbackSparkCluster start(Path workDir, Path executorConfDir, int workerCount)
            throws IOException, InterruptedException {
        int port = freePort();
        String masterUrl = "spark://127.0.0.1:" + port;
        Map<String, String> env = Map.of(
                "SPARK_CONF_DIR", executorConfDir.toString(),
                "SPARK_LOCAL_DIRS", Files.createDirectories(workDir.resolve("local")).toString());
        List<String> jvm = List.of("-Xmx512m", "-Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp")));

        JavaProcess master = JavaProcess.start("master", jvm, "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                        "--webui-port", String.valueOf(freePort())),
                env, workDir.resolve("logs/master.log"));
        List<JavaProcess> workers = new ArrayList<>();
        LoopbackSparkCluster cluster = new LoopbackSparkCluster(master, workers, masterUrl);
        try {
            await(master, Pattern.compile("I have been elected leader"));
            for (int i = 1; i <= workerCount; i++) {
                Path workerDir = Files.createDirectories(workDir.resolve("worker-" + i));
                workers.add(JavaProcess.start("worker-" + i, jvm, "org.apache.spark.deploy.worker.Worker",
                        List.of(masterUrl, "--host", "127.0.0.1", "--port", String.valueOf(freePort()),
                                "--webui-port", String.valueOf(freePort()), "--cores", "1",
                                "--memory", "1g", "--work-dir", workerDir.toString()),
                        env, workDir.resolve("logs/worker-" + i + ".log")));
            }
            for (JavaProcess worker : workers) {
                await(worker, Pattern.compile("Successfully registered with master"));
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    List<JavaProcess> workers() {
        return workers;
    }

    /** Returns the executor JVMs currently running under the workers. */
    List<ProcessHandle> executors() {
        return workers.stream()
                .flatMap(worker -> worker.process().descendants())
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    /** Stops the workers (and so their executors), then the master. */
    @Override
    public void close() {
        workers.forEach(JavaProcess::close);
        master.close();
    }

    private static void await(JavaProcess process, Pattern readyLine) throws InterruptedException {
        if (!process.awaitLogLine(readyLine, START_TIMEOUT)) {
            throw new IllegalStateException(process.name() + " did not start within " + START_TIMEOUT
                    + " (no line matching '" + readyLine + "'); log tail:\n" + process.logTail(40));
        }
    }

    // NOTE: another process can take the port between this probe and the Spark JVM's bind. The
    // start then fails with a bind error in the daemon's log rather than a hang.
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
