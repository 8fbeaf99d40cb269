package org.sparsify.graph.io;

import java.util.regex.Pattern;

/**
 * Parses one line of a text edge list: {@code source target [weight]}.
 *
 * <p>Fields are separated by any run of spaces, tabs or commas, so whitespace-, tab- and
 * comma-separated files all parse. Leading and trailing whitespace, including the carriage return
 * of CRLF line endings, is ignored. Blank lines and lines whose first non-blank character is
 * {@code #} or {@code %} are comments. A missing weight is 1.
 *
 * <p>NOTE: quoted fields are not supported, so a string id cannot contain a separator.
 */
public final class EdgeLineParser {

  private static final Pattern SEPARATOR = Pattern.compile("[\\s,]+");

  private EdgeLineParser() {}

  /** Returns the fields of a line, or {@code null} if the line is blank or a comment. */
  public static String[] fields(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.charAt(0) == '#' || trimmed.charAt(0) == '%') {
      return null;
    }
    return SEPARATOR.split(trimmed);
  }

  /** Checks that an edge line has a source, a target and at most a weight. */
  public static void checkEdgeFieldCount(String[] fields) {
    if (fields.length < 2 || fields.length > 3) {
      throw new LineParseException(
          "expected 2 or 3 fields (source, target, optional weight) but found "
              + fields.length
              + " in '"
              + String.join(" ", fields)
              + "'");
    }
  }

  /** Parses a 64-bit integer node id. */
  public static long parseLongId(String field) {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException e) {
      throw new LineParseException(
          "node id '"
              + field
              + "' is not a 64-bit integer; use string ids (--id-type string) for non-numeric ids");
    }
  }

  /** Returns true if the field parses as a 64-bit integer. */
  public static boolean isLongId(String field) {
    try {
      Long.parseLong(field);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Parses an edge weight, which must be a finite number &gt; 0. */
  public static double parseWeight(String field) {
    double weight;
    try {
      weight = Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw new LineParseException("weight '" + field + "' is not a number");
    }
    checkWeight(weight, field);
    return weight;
  }

  /** Checks that a weight is a finite number &gt; 0. */
  public static void checkWeight(double weight, String asWritten) {
    if (!(weight > 0.0) || Double.isInfinite(weight)) {
      throw new LineParseException(
          "weight must be a finite number > 0 but was '" + asWritten + "'");
    }
  }

  /** A problem with one line; the caller adds the file and line. */
  public static final class LineParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LineParseException(String problem) {
      super(problem);
    }
  }
}
