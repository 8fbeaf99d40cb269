package org.sparsify.jobs.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsify.gradient.train.RoundRecord;

/**
 * Parses the per-round {@code history.csv} of a {@code logreg} run back into round records. Columns
 * are found by their header names ({@link RoundRecord#CSV_HEADER}), so added or reordered columns
 * do not break the reader; an empty test-accuracy field means the round was not evaluated.
 */
public final class HistoryCsv {

  private static final List<String> REQUIRED = List.of("round", "loss", "cumulative_paper_bits", "error");

  private HistoryCsv() {}

  /**
   * Returns the rounds in {@code csv}.
   *
   * @param source the file name, for error messages
   * @throws IllegalArgumentException naming the file and line when a column is missing or a value
   *     is not a number
   */
  public static List<RoundRecord> parse(String csv, String source) {
    String[] lines = csv.split("\r?\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new IllegalArgumentException(source + " is empty; expected a header line " + RoundRecord.CSV_HEADER);
    }
    List<String> header = Arrays.stream(lines[0].split(",", -1)).map(String::strip).toList();
    for (String column : REQUIRED) {
      if (!header.contains(column)) {
        throw new IllegalArgumentException(source + " has no column '" + column + "'; its header is " + lines[0]);
      }
    }
    List<RoundRecord> records = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        records.add(record(header, lines[i].split(",", -1), source, i + 1));
      }
    }
    return records;
  }

  private static RoundRecord record(List<String> header, String[] fields, String source, int line) {
    if (fields.length != header.size()) {
      throw new IllegalArgumentException(source + " line " + line + " has " + fields.length + " fields but the header has "
          + header.size());
    }
    Values values = new Values(header, fields, source, line);
    return new RoundRecord((int) values.number("round", 0), values.number("loss", Double.NaN),
        (int) values.number("entries_min", 0), values.number("entries_mean", 0), (int) values.number("entries_max", 0),
        (long) values.number("paper_bits", 0), (long) values.number("wire_bytes", 0),
        (long) values.number("dense_bytes", 0), values.number("error", Double.NaN),
        (long) values.number("cumulative_paper_bits", 0), values.number("test_accuracy", Double.NaN),
        (long) values.number("elapsed_ms", 0));
  }

  /** The fields of one line, looked up by column name. */
  private record Values(List<String> header, String[] fields, String source, int line) {
    double number(String column, double missing) {
      int index = header.indexOf(column);
      if (index < 0 || fields[index].isBlank()) {
        return missing;
      }
      try {
        return Double.parseDouble(fields[index].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + " line " + line + ": column " + column + " must be a number but was '"
            + fields[index] + "'", e);
      }
    }
  }
}
