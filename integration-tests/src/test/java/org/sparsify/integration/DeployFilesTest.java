package org.sparsify.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.sparsify.jobs.DatedRun;
import org.sparsify.jobs.Main;

/**
 * Checks the files under deploy/ and conf/ with the validators available on this machine:
 * shellcheck and yamllint when installed (Debian packages {@code shellcheck} and {@code yamllint};
 * the tests skip, saying so, without them), Python's parser, and the jobs' own option parsers for
 * the profiles and the scheduler examples.
 */
class DeployFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path EXAMPLES = DEPLOY.resolve("examples");
    private static final Pattern CRON_SCHEDULE = Pattern.compile("^([0-9*,/-]+\\s+){4}[0-9*,/-]+$");

    @Test
    void scriptsPassShellcheck() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck not installed; install it with 'apt-get install shellcheck'");
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x", "-P", "SCRIPTDIR"));
        try (Stream<Path> files = Files.list(DEPLOY)) {
            files.filter(Files::isRegularFile).filter(Files::isExecutable).map(Path::toString).sorted().forEach(command::add);
        }
        command.add(DEPLOY.resolve("lib/common.sh").toString());
        assertTrue(command.size() >= 8, "expected the deploy scripts in " + DEPLOY + ": " + command);

        assertToolPasses(command);
    }

    @Test
    void manifestPassesYamllint() throws Exception {
        assumeTrue(onPath("yamllint"), "yamllint not installed; install it with 'apt-get install yamllint'");

        assertToolPasses(List.of("yamllint", "-s", "-d", "{extends: default, rules: {line-length: {max: 120}}}",
                EXAMPLES.resolve("scheduled-sample.yaml").toString()));
    }

    @Test
    void scheduledSparkApplicationRunsDatedSample() throws IOException {
        JsonNode manifest = new ObjectMapper(new YAMLFactory()).readTree(EXAMPLES.resolve("scheduled-sample.yaml").toFile());
        assertEquals("sparkoperator.k8s.io/v1beta2", manifest.path("apiVersion").asText());
        assertEquals("ScheduledSparkApplication", manifest.path("kind").asText());
        assertFalse(manifest.path("metadata").path("name").asText().isEmpty(), "metadata.name is missing");
        JsonNode spec = manifest.path("spec");
        assertTrue(CRON_SCHEDULE.matcher(spec.path("schedule").asText()).matches(), "schedule: " + spec.path("schedule"));
        assertEquals("Forbid", spec.path("concurrencyPolicy").asText(), "overlapping runs would race on one output");

        JsonNode template = spec.path("template");
        assertEquals("Java", template.path("type").asText());
        assertEquals(DatedRun.class.getName(), template.path("mainClass").asText());
        assertTrue(template.path("mainApplicationFile").asText().endsWith("-job.jar"), "mainApplicationFile");
        for (String role : List.of("driver", "executor")) {
            assertTrue(template.path(role).path("cores").isInt(), role + ".cores");
            assertFalse(template.path(role).path("memory").asText().isEmpty(), role + ".memory");
        }

        List<String> arguments = new ArrayList<>();
        template.path("arguments").forEach(argument -> arguments.add(argument.asText()));
        DatedRun.Request request = DatedRun.parse(arguments.toArray(String[]::new), LocalDate.of(2026, 12, 4));
        assertEquals(LocalDate.of(2026, 12, 3), request.date());
        assertTrue(request.input().startsWith("hdfs://"), request.input());
        assertTrue(request.input().endsWith("/dt=2026-12-03"), request.input());
        assertOptionsAccepted(request.job(), request.jobArgs());
    }

    @Test
    void airflowDagParses() throws Exception {
        Path dag = EXAMPLES.resolve("sparsify_dag.py");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        assumeTrue(onPath(python), "python3 not installed");

        assertToolPasses(List.of(python, "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])",
                dag.toString()));
        String source = Files.readString(dag, StandardCharsets.UTF_8);
        assertTrue(source.contains("deploy/sparsify-dated sample"), "the DAG should run deploy/sparsify-dated");
        assertTrue(source.contains("--date {{ ds }}"), "the DAG should pass its logical date");
    }

    @Test
    void crontabEntriesAreWellFormed() throws IOException {
        List<String> entries = Files.readAllLines(EXAMPLES.resolve("crontab")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.matches("^[A-Z_]+=.*"))
                .toList();
        assertFalse(entries.isEmpty(), "no cron entry in the example");
        for (String entry : entries) {
            String[] fields = entry.split("\\s+", 6);
            String schedule = String.join(" ", List.of(fields).subList(0, 5));
            assertTrue(CRON_SCHEDULE.matcher(schedule).matches(), "schedule of: " + entry);
            assertTrue(fields[5].contains("deploy/sparsify-dated "), "command of: " + entry);
            assertFalse(fields[5].contains("%"), "cron turns % into a newline: " + entry);
        }
    }

    @Test
    void profilesAreAcceptedByTheirJobs() throws IOException {
        List<Path> profiles;
        try (Stream<Path> files = Files.walk(ROOT.resolve("conf/profiles"))) {
            profiles = files.filter(file -> file.toString().endsWith(".properties")).sorted().toList();
        }
        assertTrue(profiles.size() >= 3, "expected tiny, small and large profiles: " + profiles);
        for (Path profile : profiles) {
            String job = profile.getFileName().toString().replace(".properties", "");
            assertOptionsAccepted(job, List.of("--conf-file", profile.toString()));
        }
    }

    /** Asserts that the job's option parser accepts the options, by running it with --help. */
    private static void assertOptionsAccepted(String job, List<String> options) {
        List<String> args = new ArrayList<>(List.of(job));
        args.addAll(options);
        args.add("--help");
        assertEquals(0, Main.run(args.toArray(String[]::new)), "job " + job + " rejects options " + options);
    }

    private static void assertToolPasses(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "timed out: " + command);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " reported:\n" + output);
    }

    private static boolean onPath(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
