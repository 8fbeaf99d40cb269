package org.sparsify.integration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.hadoop.fs.Path;

/** The jobs that the HDFS and cluster tests cover. */
final class JobCases {

    private JobCases() {
    }

    static List<JobCase> all() {
        return List.of(new Sample());
    }

    /** {@code sample} with Bernoulli sampling on a planted-partition edge list. */
    static final class Sample implements JobCase {

        @Override
        public String job() {
            return "sample";
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
