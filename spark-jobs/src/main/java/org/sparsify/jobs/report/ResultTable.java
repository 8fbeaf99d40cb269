package org.sparsify.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table of measurements with fixed columns, rendered as aligned text for the console, as CSV
 * and as JSON (an array of objects).
 *
 * <p>A cell is a string, a number, a boolean or null (not measured). NaN and infinite numbers are
 * rejected when they are set, because neither CSV readers nor JSON agree on them; record a
 * missing figure as null and say why in a note column.
 */
public final class ResultTable {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<String> columns;
  private final List<Map<String, Object>> rows = new ArrayList<>();

  /** Creates an empty table with the given column names, in display order. */
  public ResultTable(List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    this.columns = List.copyOf(columns);
  }

  /** Starts a new row and returns it for filling; unset cells stay null. */
  public Row addRow() {
    Map<String, Object> cells = new LinkedHashMap<>();
    for (String column : columns) {
      cells.put(column, null);
    }
    rows.add(cells);
    return new Row(cells);
  }

  /** Returns the column names. */
  public List<String> columns() {
    return columns;
  }

  /** Returns the rows as unmodifiable maps from column to cell. */
  public List<Map<String, Object>> rows() {
    List<Map<String, Object>> view = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      view.add(Collections.unmodifiableMap(row));
    }
    return view;
  }

  /** One row being filled. */
  public final class Row {
    private final Map<String, Object> cells;

    private Row(Map<String, Object> cells) {
      this.cells = cells;
    }

    /** Sets a cell; the column must exist and numbers must be finite. */
    public Row set(String column, Object value) {
      if (!cells.containsKey(column)) {
        throw new IllegalArgumentException("unknown column '" + column + "'; the columns are " + columns);
      }
      if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
        throw new IllegalArgumentException("cell " + column + " must be a finite number but was " + value);
      }
      cells.put(column, value);
      return this;
    }
  }

  /** Returns RFC 4180 CSV with a header line; null cells are empty fields. */
  public String toCsv() {
    StringBuilder out = new StringBuilder();
    appendCsvLine(out, new ArrayList<>(columns));
    for (Map<String, Object> row : rows) {
      List<Object> cells = new ArrayList<>();
      for (String column : columns) {
        cells.add(row.get(column));
      }
      appendCsvLine(out, cells);
    }
    return out.toString();
  }

  private static void appendCsvLine(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object cell = cells.get(i);
      out.append(cell == null ? "" : csvField(cell.toString()));
    }
    out.append("\r\n");
  }

  private static String csvField(String text) {
    boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  /** Returns a JSON array with one object per row; null cells are JSON null. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(rows) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the table: " + e.getMessage(), e);
    }
  }

  /** Returns the table as aligned text; numbers are right-aligned, null cells print as "-". */
  public String toText() {
    List<String[]> lines = new ArrayList<>();
    lines.add(columns.toArray(new String[0]));
    for (Map<String, Object> row : rows) {
      String[] line = new String[columns.size()];
      for (int i = 0; i < line.length; i++) {
        line[i] = display(row.get(columns.get(i)));
      }
      lines.add(line);
    }
    int[] widths = new int[columns.size()];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < lines.size(); r++) {
      appendAligned(out, lines.get(r), widths, r == 0 ? null : rows.get(r - 1));
      if (r == 0) {
        appendRule(out, widths);
      }
    }
    return out.toString();
  }

  private void appendAligned(StringBuilder out, String[] line, int[] widths, Map<String, Object> row) {
    for (int i = 0; i < line.length; i++) {
      boolean number = row != null && row.get(columns.get(i)) instanceof Number;
      String format = "%" + (number ? "" : "-") + widths[i] + "s";
      out.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, line[i]));
    }
    out.append('\n');
  }

  private static void appendRule(StringBuilder out, int[] widths) {
    for (int i = 0; i < widths.length; i++) {
      out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.append('\n');
  }

  /** Formats a cell for the console: doubles with 4 significant digits, null as "-". */
  static String display(Object cell) {
    if (cell == null) {
      return "-";
    }
    if (cell instanceof Double || cell instanceof Float) {
      double value = ((Number) cell).doubleValue();
      return value == Math.rint(value) && Math.abs(value) < 1e15
          ? String.format(Locale.ROOT, "%.0f", value)
          : String.format(Locale.ROOT, "%.4g", value);
    }
    return cell.toString();
  }
}
