package org.sparsify.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsify.common.InputFormatException;
import org.sparsify.graph.io.LoadedGraph;
import scala.Tuple2;

/**
 * Reads a ground-truth labels file for the {@code spectral} job and maps it to dense node indices.
 *
 * <p>One node per line: the node id is the first field and the label the last. Fields are
 * separated by a comma when the line has one (CSV; a quoted middle field may contain commas, for
 * example {@code 12,345,"Page, Inc",company}), otherwise by whitespace ({@code node label}). Empty
 * lines and lines starting with {@code #} or {@code %} are skipped, and so is a first line whose id
 * is not a number when ids are numeric (a header). Labels are arbitrary strings, numbered in sorted
 * order. Ids that are not in the graph are counted, not fatal.
 */
final class SpectralLabels {

  private SpectralLabels() {}

  /**
   * Labels per dense node index, with counts.
   *
   * @param byIndex dense node index to label number
   * @param names label number to label text
   * @param unmatched lines whose node id is not in the graph
   */
  record Result(JavaPairRDD<Long, Integer> byIndex, List<String> names, long unmatched) {}

  static Result read(JavaSparkContext sc, String path, LoadedGraph graph) {
    boolean numeric = graph.numericIds();
    JavaPairRDD<String, String> byId = sc.textFile(path)
        .zipWithIndex()
        .flatMapToPair(entry -> parse(path, entry._1(), entry._2() + 1, numeric).iterator());

    List<String> names = new ArrayList<>(collectDistinctLabels(byId));
    names.sort(null);
    Map<String, Integer> numbers = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      numbers.put(names.get(i), i);
    }

    JavaPairRDD<String, Long> indexById = graph.nodeIds()
        .mapToPair(entry -> new Tuple2<>(canonicalId(entry._2(), numeric), entry._1()));
    JavaPairRDD<String, Tuple2<Integer, org.apache.spark.api.java.Optional<Long>>> joined =
        byId.mapValues(numbers::get).leftOuterJoin(indexById);
    long unmatched = joined.filter(entry -> !entry._2()._2().isPresent()).count();
    JavaPairRDD<Long, Integer> byIndex = joined
        .filter(entry -> entry._2()._2().isPresent())
        .mapToPair(entry -> new Tuple2<>(entry._2()._2().get(), entry._2()._1()));
    return new Result(byIndex, names, unmatched);
  }

  /** Returns the distinct label texts, rethrowing a parse error from an executor as itself. */
  private static List<String> collectDistinctLabels(JavaPairRDD<String, String> byId) {
    try {
      return byId.values().distinct().collect();
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof InputFormatException format) {
          throw format;
        }
      }
      throw e;
    }
  }

  /** Returns (id, label) of one line, or nothing for a comment, blank or header line. */
  static List<Tuple2<String, String>> parse(String path, String rawLine, long lineNumber, boolean numeric) {
    String line = rawLine.strip();
    if (line.isEmpty() || line.startsWith("#") || line.startsWith("%")) {
      return List.of();
    }
    String id;
    String label;
    if (line.indexOf(',') >= 0) {
      id = unquote(line.substring(0, line.indexOf(',')));
      label = unquote(line.substring(line.lastIndexOf(',') + 1));
    } else {
      String[] fields = line.split("\\s+");
      id = fields[0];
      label = fields[fields.length - 1];
    }
    if (id.equals(line) || label.isEmpty()) {
      throw new InputFormatException(path, -1, lineNumber,
          "expected 'node label' or a CSV line with the node id first and the label last, but found '" + rawLine + "'");
    }
    if (numeric) {
      try {
        id = canonicalId(id, true);
      } catch (NumberFormatException e) {
        if (lineNumber == 1) {
          return List.of();
        }
        throw new InputFormatException(path, -1, lineNumber,
            "node id '" + id + "' is not a 64-bit integer, but the graph has numeric ids; pass --id-type string for string ids");
      }
    }
    return List.of(new Tuple2<>(id, label));
  }

  private static String canonicalId(String id, boolean numeric) {
    return numeric ? Long.toString(Long.parseLong(id.strip())) : id;
  }

  private static String unquote(String field) {
    String trimmed = field.strip();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
    }
    return trimmed;
  }
}
