package org.sparsify.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A JVM that a test started, with its standard output and error in one log file.
 *
 * <p>{@link #close()} stops the process and the processes it started (a worker's executors) by
 * their own process ids. A shutdown hook stops whatever is still running if the test JVM exits
 * without closing them.
 */
final class JavaProcess implements AutoCloseable {

    private static final Set<JavaProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(JavaProcess::close)));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java JVM_OPTIONS -cp SPARK_HOME/jars/* MAIN_CLASS ARGS} with the loopback
     * Spark environment ({@code SPARK_HOME}, {@code SPARK_SCALA_VERSION}, {@code SPARK_LOCAL_IP}).
     */
    static JavaProcess start(String name, List<String> jvmOptions, String mainClass, List<String> args,
            Map<String, String> extraEnv, Path log) throws IOException {
        Path sparkHome = ItSettings.sparkHome();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ItSettings.moduleOptions());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(args);

        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        env.putAll(extraEnv);

        JavaProcess started = new JavaProcess(name, builder.start(), log);
        RUNNING.add(started);
        return started;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    Process process() {
        return process;
    }

    /** Returns the whole log written so far. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read log " + log, e);
        }
    }

    /** Returns the last {@code lines} lines of the log, for assertion messages. */
    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Waits until the log has a line matching {@code pattern}; returns false when the process
     * exits first or the timeout passes.
     */
    boolean awaitLogLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pattern.matcher(logText()).find()) {
                return true;
            }
            if (!process.isAlive()) {
                return pattern.matcher(logText()).find();
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Waits for the process to exit and returns its exit code; stops it on timeout. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " timed out after " + timeout + "; log tail:\n" + logTail(40));
        }
        RUNNING.remove(this);
        return process.exitValue();
    }

    /** Kills the process at once (SIGKILL), as a crash or an operator would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        RUNNING.remove(this);
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s) and any of its descendants still running. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        RUNNING.remove(this);
    }
}
