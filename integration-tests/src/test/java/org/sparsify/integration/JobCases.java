package org.sparsify.integration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.fs.Path;

/** The jobs that the HDFS and cluster tests cover. */
final class JobCases {

    private JobCases() {
    }

    /**
     * Returns the cases named in the system property {@code sparsify.it.jobs} (comma-separated job
     * names, or "all"; Maven sets it from the property {@code it.jobs}, default {@code all})
     * whose job class is in spark-jobs.
     */
    static List<JobCase> all() {
        String only = System.getProperty("sparsify.it.jobs", "all").strip();
        Set<String> selected = only.equals("all") ? Set.of() : Set.of(only.split("\\s*,\\s*"));
        return Stream.of(new Sample(), new Spectral(), new Logreg())
                .filter(job -> jobClassPresent(job.jobClass()))
                .filter(job -> selected.isEmpty() || selected.contains(job.job()))
                .toList();
    }

    private static boolean jobClassPresent(String className) {
        try {
            Class.forName(className, false, JobCases.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@code sample} with Bernoulli sampling on a planted-partition edge list. */
    static final class Sample implements JobCase {

        @Override
        public String toString() {
            return job();
        }

        @Override
        public String job() {
            return "sample";
        }

        @Override
        public String jobClass() {
            return "org.sparsify.jobs.SampleJob";
        }

        @Override
        public List<String> writeInput(MiniHdfs hdfs, String hdfsDir) throws IOException {
            String input = hdfsDir + "/edges.tsv";
            writePlantedPartition(hdfs, input, 20, 1000, 8, 7L);
            return List.of("--input", input);
        }

        @Override
        public List<String> args(List<String> inputArgs, int partitions, String output) {
            List<String> args = new ArrayList<>(inputArgs);
            args.addAll(List.of("--sample", "bernoulli:0.3", "--seed", "20261204",
                    "--partitions", String.valueOf(partitions), "--output", output));
            return args;
        }

        @Override
        public Set<String> volatileMetrics() {
            return Set.of("timings_ms", "parameters");
        }

        @Override
        public String pastFirstStages() {
            return "SampleJob: load: ";
        }
    }

    /** {@code spectral} on a small planted-partition graph: 8 clusters of 250 nodes. */
    static final class Spectral implements JobCase {

        @Override
        public String toString() {
            return job();
        }

        @Override
        public String job() {
            return "spectral";
        }

        @Override
        public String jobClass() {
            return "org.sparsify.jobs.SpectralJob";
        }

        @Override
        public List<String> writeInput(MiniHdfs hdfs, String hdfsDir) throws IOException {
            String input = hdfsDir + "/edges.tsv";
            writePlantedPartition(hdfs, input, 8, 250, 16, 11L);
            return List.of("--input", input);
        }

        @Override
        public List<String> args(List<String> inputArgs, int partitions, String output) {
            List<String> args = new ArrayList<>(inputArgs);
            args.addAll(List.of("--k", "8", "--sample", "bernoulli:0.5", "--seed", "20261204",
                    "--tolerance", "1e-4", "--kmeans-runs", "1",
                    "--partitions", String.valueOf(partitions), "--solver-partitions", String.valueOf(partitions),
                    "--output", output));
            return args;
        }

        @Override
        public Set<String> volatileMetrics() {
            return Set.of("timings_ms", "parameters");
        }

        @Override
        public String pastFirstStages() {
            // Mid-solver: the state block and its checkpoints live on the executors.
            return "SpectralJob: sampled eigensolver pass 10: ";
        }

        @Override
        public Optional<List<String>> longRunArgs(List<String> inputArgs, String output) {
            List<String> args = new ArrayList<>(inputArgs);
            args.addAll(List.of("--k", "8", "--seed", "3", "--max-passes", "300", "--tolerance", "1e-15",
                    "--output", output));
            return Optional.of(args);
        }
    }

    /** {@code logreg} with hard-threshold compression on a small synthetic LIBSVM file. */
    static final class Logreg implements JobCase {

        @Override
        public String toString() {
            return job();
        }

        @Override
        public String job() {
            return "logreg";
        }

        @Override
        public String jobClass() {
            return "org.sparsify.jobs.LogregJob";
        }

        @Override
        public List<String> writeInput(MiniHdfs hdfs, String hdfsDir) throws IOException {
            String input = hdfsDir + "/train.libsvm";
            writeLibsvm(hdfs, input, 4000, 200, 10, 5L);
            return List.of("--train", input);
        }

        @Override
        public List<String> args(List<String> inputArgs, int partitions, String output) {
            List<String> args = new ArrayList<>(inputArgs);
            args.addAll(List.of("--compressor", "hard-threshold-auto:8", "--workers", "4", "--rounds", "30",
                    "--step", "0.5", "--seed", "20261204", "--output", output));
            return args;
        }

        @Override
        public Set<String> volatileColumns() {
            return Set.of("elapsed_ms");
        }

        /**
         * Asserts that the residual ledger balances: every update was applied once or is still in a
         * residual, so no residual was lost or applied twice.
         */
        @Override
        public void assertSound(String output) throws IOException {
            JsonNode ledger = JobOutputs.metrics(output, Set.of()).get("residual_ledger");
            assertNotNull(ledger, "metrics.json of " + output + " has no residual_ledger");
            double imbalance = ledger.get("imbalance").doubleValue();
            double bound = ledger.get("rounding_bound").doubleValue();
            assertTrue(bound > 0, "residual ledger of " + output + ": rounding bound " + bound);
            assertTrue(Math.abs(imbalance) <= bound,
                    "residual ledger of " + output + ": imbalance " + imbalance + ", rounding bound " + bound);
        }

        /** Returns false because the worker count is the partition count and a parameter of the algorithm. */
        @Override
        public boolean partitionInvariant() {
            return false;
        }

        @Override
        public Set<String> volatileMetrics() {
            return Set.of("timings_ms", "parameters");
        }

        @Override
        public String pastFirstStages() {
            // Mid-training: the residuals of earlier rounds live on the executors.
            return "LogregJob: round 5: ";
        }

        @Override
        public Optional<List<String>> longRunArgs(List<String> inputArgs, String output) {
            List<String> args = new ArrayList<>(inputArgs);
            args.addAll(List.of("--workers", "4", "--rounds", "300", "--eval-interval", "0", "--seed", "3",
                    "--output", output));
            return Optional.of(args);
        }
    }

    /**
     * Writes a LIBSVM file of {@code rows} examples over {@code features} features with
     * {@code nonZeros} entries each, labelled +1 or -1 by the sign of a fixed hidden weight vector.
     */
    static void writeLibsvm(MiniHdfs hdfs, String file, int rows, int features, int nonZeros, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] hidden = random.doubles(features, -1, 1).toArray();
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                hdfs.fileSystem().create(new Path(file), true), StandardCharsets.UTF_8))) {
            for (int row = 0; row < rows; row++) {
                int[] indexes = random.ints(0, features).distinct().limit(nonZeros).sorted().toArray();
                double margin = 0;
                StringBuilder line = new StringBuilder();
                for (int index : indexes) {
                    double value = Math.round(random.nextDouble() * 1000) / 1000.0;
                    margin += hidden[index] * value;
                    line.append(' ').append(index + 1).append(':').append(value);
                }
                out.write((margin >= 0 ? "+1" : "-1") + line + "\n");
            }
        }
    }

    /**
     * Writes a tab-separated edge list with {@code clusters} planted clusters of {@code size} nodes:
     * each node gets {@code degree} edges, nine in ten to a node of its own cluster. Node ids are
     * spread over 64 bits (negative ones included) so that no job may assume small dense ids.
     */
    static void writePlantedPartition(MiniHdfs hdfs, String file, int clusters, int size, int degree, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int nodes = clusters * size;
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                hdfs.fileSystem().create(new Path(file), true), StandardCharsets.UTF_8))) {
            out.write("# planted partition: " + clusters + " clusters of " + size + " nodes\n");
            for (int node = 0; node < nodes; node++) {
                for (int e = 0; e < degree / 2; e++) {
                    int other = random.nextInt(10) < 9
                            ? (node / size) * size + random.nextInt(size)
                            : random.nextInt(nodes);
                    out.write(nodeId(node) + "\t" + nodeId(other) + "\n");
                }
            }
        }
    }

    /** Maps a dense index to a sparse 64-bit id, odd indexes to negative ids. */
    static long nodeId(int index) {
        long id = 1_099_511_627_776L + 7919L * index;
        return index % 2 == 0 ? id : -id;
    }
}
