package org.sparsify.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
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
 */
final class JobOutputs {

    static final String SUCCESS = "_SUCCESS";
    static final String METRICS = "metrics.json";

    /** Relative tolerance for floating-point values in {@code metrics.json}. */
    static final double METRIC_TOLERANCE = 1e-9;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("[\\s,;]+");
    private static final Pattern FLOATING = Pattern.compile("-?\\d+\\.\\d*([eE][-+]?\\d+)?|-?\\d+[eE][-+]?\\d+");

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
        SortedMap<String, List<String>> expected = records(expectedDir);
        SortedMap<String, List<String>> actual = records(actualDir);
        assertEquals(expected.keySet(), actual.keySet(), "output folders differ: " + expectedDir + " vs " + actualDir);
        for (String folder : expected.keySet()) {
            List<String> expectedRecords = expected.get(folder);
            List<String> actualRecords = actual.get(folder);
            String where = "'" + folder + "' of " + expectedDir + " vs " + actualDir;
            assertFalse(expectedRecords.isEmpty(), "no records in " + where);
            assertEquals(expectedRecords.size(), actualRecords.size(), "record count differs in " + where);
            Double tolerance = job.numericTolerance().get(folder);
            if (tolerance == null) {
                assertEquals(expectedRecords, actualRecords, "records differ in " + where);
            } else {
                for (int i = 0; i < expectedRecords.size(); i++) {
                    assertSameFields(expectedRecords.get(i), actualRecords.get(i), tolerance, where);
                }
            }
        }
        Set<String> volatileMetrics = job.volatileMetrics();
        ObjectNode expectedMetrics = metrics(expectedDir, volatileMetrics);
        ObjectNode actualMetrics = metrics(actualDir, volatileMetrics);
        if (!expectedMetrics.equals(JobOutputs::compareMetricValues, actualMetrics)) {
            fail(METRICS + " differs apart from " + volatileMetrics + " (floating-point values within a relative "
                    + METRIC_TOLERANCE + "): expected " + expectedMetrics + " but was " + actualMetrics);
        }
    }

    /** Asserts that two records have the same fields, floating-point ones within a relative tolerance. */
    private static void assertSameFields(String expected, String actual, double tolerance, String where) {
        String[] expectedFields = FIELD_SEPARATOR.split(expected.strip());
        String[] actualFields = FIELD_SEPARATOR.split(actual.strip());
        String message = "record differs in " + where + ": expected <" + expected + "> but was <" + actual + ">";
        assertEquals(expectedFields.length, actualFields.length, message);
        for (int f = 0; f < expectedFields.length; f++) {
            if (FLOATING.matcher(expectedFields[f]).matches() && FLOATING.matcher(actualFields[f]).matches()) {
                double a = Double.parseDouble(expectedFields[f]);
                double b = Double.parseDouble(actualFields[f]);
                assertTrue(Math.abs(a - b) <= tolerance * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b))), message);
            } else {
                assertEquals(expectedFields[f], actualFields[f], message);
            }
        }
    }

    /**
     * Compares two metric values: floating-point numbers within a relative {@link #METRIC_TOLERANCE},
     * everything else exactly. Returns 0 when they are equal, as {@code JsonNode.equals} expects.
     */
    // NOTE: sums of double weights (weight_after of sample) change in the last bits with the
    // partitioning, because floating-point addition is not associative. Records are compared exactly.
    private static int compareMetricValues(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber() && (expected.isFloatingPointNumber() || actual.isFloatingPointNumber())) {
            double a = expected.doubleValue();
            double b = actual.doubleValue();
            double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
            return Math.abs(a - b) <= METRIC_TOLERANCE * scale ? 0 : 1;
        }
        return expected.equals(actual) ? 0 : 1;
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
        FileSystem fs = fileSystem(dir);
        Path root = fs.makeQualified(new Path(dir));
        SortedMap<String, List<String>> records = new TreeMap<>();
        collect(fs, root, "", records);
        records.values().forEach(Collections::sort);
        return records;
    }

    private static void collect(FileSystem fs, Path folder, String relative, SortedMap<String, List<String>> out)
            throws IOException {
        for (FileStatus status : fs.listStatus(folder)) {
            String name = status.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".") || name.equals(METRICS) || name.endsWith(".crc")) {
                continue;
            }
            if (status.isDirectory()) {
                collect(fs, status.getPath(), relative.isEmpty() ? name : relative + "/" + name, out);
            } else {
                List<String> folderRecords = out.computeIfAbsent(relative, key -> new ArrayList<>());
                if (name.endsWith(".parquet")) {
                    readParquet(status.getPath(), folderRecords);
                } else {
                    readText(fs, status.getPath(), folderRecords);
                }
            }
        }
    }

    private static void readText(FileSystem fs, Path file, List<String> out) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            reader.lines().forEach(out::add);
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
