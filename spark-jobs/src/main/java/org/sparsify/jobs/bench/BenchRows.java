package org.sparsify.jobs.bench;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.jobs.report.ResultTable;

/** The long-format result table of the {@code bench} job: one measured figure per row. */
final class BenchRows {

  private static final Logger LOG = LoggerFactory.getLogger(BenchRows.class);

  static final List<String> COLUMNS = List.of("section", "dataset", "measure", "tool", "value", "unit", "note");

  private final ResultTable table = new ResultTable(COLUMNS);

  /** Adds a figure; a null or non-finite value is recorded as not measured, with the note. */
  void add(String section, String dataset, String measure, String tool, Double value, String unit, String note) {
    Double finite = value != null && Double.isFinite(value) ? value : null;
    String why = value != null && finite == null && note == null ? "not a finite number: " + value : note;
    LOG.info("bench: {} / {} / {}: {} {}{}", dataset, measure, tool, finite == null ? "-" : finite, unit,
        why == null ? "" : " (" + why + ")");
    table.addRow().set("section", section).set("dataset", dataset).set("measure", measure).set("tool", tool)
        .set("value", finite).set("unit", unit).set("note", why);
  }

  /** Adds a ratio a / b, or a not-measured row naming the missing side. */
  void ratio(String section, String dataset, String measure, String tools, Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0.0) {
      add(section, dataset, measure, tools, null, "ratio", "one side was not measured");
    } else {
      add(section, dataset, measure, tools, numerator / denominator, "ratio", null);
    }
  }

  ResultTable table() {
    return table;
  }
}
