package org.sparsify.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Reads a job's output folder (on any Hadoop file system) as comparable records: for each sub
 * folder, the sorted lines of its text files and the sorted rows of its Parquet files.
 *
 * <p>File names, part numbering and row order depend on partitioning, so two outputs are equal
 * when every folder contains the same records and {@code metrics.json} matches apart from timings.
 * Both compare exactly: the jobs promise bitwise equal results at any partitioning.
 */
final class JobOutputs {

    static final String SUCCESS = "_SUCCESS";
    static final String METRICS = "metrics.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobOutputs() {
    }

    /** Asserts that {@code dir} is a committed output: {@code _SUCCESS} and {@code metrics.json} exist. */
    static void assertCommitted(String dir) throws IOException {
        FileSystem fs = fileSystem(dir);
        assertTrue(fs.exists(new Path(dir, SUCCESS)), "missing " + SUCCESS + " in " + dir);
        assertTrue(fs.exists(new Path(dir, METRICS)), "missing " + METRICS + " in " + dir);
    }

    /** Asserts that nothing at {@code dir} looks like a finished output. */
    static void assertNotCommitted(String dir) throws IOException {
        FileSystem fs = fileSystem(dir);
        assertFalse(fs.exists(new Path(dir, SUCCESS)), dir + " has " + SUCCESS + " after a killed run");
        assertFalse(fs.exists(new Path(dir, METRICS)), dir + " has " + METRICS + " after a killed run");
    }

    /**
     * Asserts that two committed outputs of {@code job} hold the same records and the same metrics,
     * ignoring its volatile metric keys and allowing its numeric tolerance per folder.
     */
    static void assertSameOutputs(String expectedDir, String actualDir, JobCase job) throws IOException {
        assertCommitted(expectedDir);
        assertCommitted(actualDir);
        SortedMap<String, List<String>> expected = records(expectedDir, job.volatileColumns());
        SortedMap<String, List<String>> actual = records(actualDir, job.volatileColumns());
        assertEquals(expected.keySet(), actual.keySet(), "output folders differ: " + expectedDir + " vs " + actualDir);
        for (String folder : expected.keySet()) {
            List<String> expectedRecords = expected.get(folder);
            List<String> actualRecords = actual.get(folder);
            String where = "'" + folder + "' of " + expectedDir + " vs " + actualDir;
            assertFalse(expectedRecords.isEmpty(), "no records in " + where);
            assertEquals(expectedRecords.size(), actualRecords.size(), "record count differs in " + where);
            assertEquals(expectedRecords, actualRecords, "records differ in " + where);
        }
        Set<String> volatileMetrics = job.volatileMetrics();
        assertEquals(metrics(expectedDir, volatileMetrics), metrics(actualDir, volatileMetrics),
                METRICS + " differs apart from " + volatileMetrics);
    }

    /** Returns {@code metrics.json} without the given top-level keys. */
    static ObjectNode metrics(String dir, Set<String> dropKeys) throws IOException {
        FileSystem fs = fileSystem(dir);
        try (var in = fs.open(new Path(dir, METRICS))) {
            ObjectNode node = (ObjectNode) JSON.readTree(in);
            node.remove(dropKeys);
            return node;
        }
    }

    /** Maps each folder under {@code dir} (relative path, "" for {@code dir}) to its sorted records. */
    static SortedMap<String, List<String>> records(String dir) throws IOException {
        return records(dir, Set.of());
    }

    /** As {@link #records(String)}, without the named columns of CSV files that have a header line. */
    static SortedMap<String, List<String>> records(String dir, Set<String> droppedColumns) throws IOException {
        FileSystem fs = fileSystem(dir);
        Path root = fs.makeQualified(new Path(dir));
        SortedMap<String, List<String>> records = new TreeMap<>();
        collect(fs, root, "", droppedColumns, records);
        records.values().forEach(Collections::sort);
        return records;
    }

    private static void collect(
            FileSystem fs, Path folder, String relative, Set<String> droppedColumns, SortedMap<String, List<String>> out)
            throws IOException {
        for (FileStatus status : fs.listStatus(folder)) {
            String name = status.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".") || name.equals(METRICS) || name.endsWith(".crc")) {
                continue;
            }
            if (status.isDirectory()) {
                collect(fs, status.getPath(), relative.isEmpty() ? name : relative + "/" + name, droppedColumns, out);
            } else {
                List<String> folderRecords = out.computeIfAbsent(relative, key -> new ArrayList<>());
                if (name.endsWith(".parquet")) {
                    readParquet(status.getPath(), folderRecords);
                } else {
                    readText(fs, status.getPath(), droppedColumns, folderRecords);
                }
            }
        }
    }

    private static void readText(FileSystem fs, Path file, Set<String> droppedColumns, List<String> out)
            throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().toList();
            if (!file.getName().endsWith(".csv") || lines.isEmpty() || droppedColumns.isEmpty()) {
                out.addAll(lines);
                return;
            }
            List<String> header = List.of(lines.get(0).split(",", -1));
            for (String line : lines) {
                String[] fields = line.split(",", -1);
                StringBuilder kept = new StringBuilder();
                for (int i = 0; i < fields.length; i++) {
                    if (i >= header.size() || !droppedColumns.contains(header.get(i))) {
                        kept.append(kept.length() == 0 ? "" : ",").append(fields[i]);
                    }
                }
                out.add(kept.toString());
            }
        }
    }

    private static void readParquet(Path file, List<String> out) throws IOException {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file)
                .withConf(new Configuration()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                out.add(row.toString().strip().replace('\n', ' '));
            }
        }
    }

    static FileSystem fileSystem(String dir) throws IOException {
        return new Path(dir).getFileSystem(new Configuration());
    }
}
