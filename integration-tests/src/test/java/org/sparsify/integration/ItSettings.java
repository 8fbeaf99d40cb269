package org.sparsify.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Locations and JVM options that the Maven build passes to the integration tests as system
 * properties (see the failsafe configuration in integration-tests/pom.xml).
 */
final class ItSettings {

    private ItSettings() {
    }

    /** Returns the folder whose {@code jars/} contains the Maven-resolved Spark runtime. */
    static Path sparkHome() {
        Path home = path("sparsify.it.spark.home");
        if (!Files.isDirectory(home.resolve("jars"))) {
            throw new IllegalStateException("Spark jars folder " + home.resolve("jars")
                    + " not found: run the tests through './mvnw verify', which copies the jars there");
        }
        return home;
    }

    /** Returns the shaded job jar that users submit. */
    static Path jobJar() {
        Path jar = path("sparsify.it.job.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("job jar " + jar
                    + " not found: run the tests through './mvnw verify', which packages spark-jobs first");
        }
        return jar;
    }

    /** Returns the module options that Spark needs on Java 17, for every JVM the tests start. */
    static List<String> moduleOptions() {
        String options = required("sparsify.it.module.options");
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** Returns the project's conf/ folder with the log4j2 configuration and the job profiles. */
    static Path confDir() {
        return path("sparsify.it.conf.dir");
    }

    /** Returns the scratch folder under target/ for logs, HDFS blocks and Spark work folders. */
    static Path workDir() {
        return path("sparsify.it.work.dir");
    }

    private static Path path(String property) {
        return Path.of(required(property)).toAbsolutePath().normalize();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is missing: run the integration tests through './mvnw verify'");
        }
        return value;
    }
}
