package org.sparsify.graph.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

  private EdgeLineParser() {}

  /** Returns the fields of a line, or {@code null} if the line is blank or a comment. */
  public static String[] fields(String line) {
    Fields fields = new Fields();
    return fields.split(line) ? fields.toArray() : null;
  }

  /** Checks that an edge line has a source, a target and at most a weight. */
  public static void checkEdgeFieldCount(Fields fields) {
    if (fields.count() < 2 || fields.count() > 3) {
      checkEdgeFieldCount(fields.toArray());
    }
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
      throw notLongId(field);
    }
  }

  private static LineParseException notLongId(String field) {
    return new LineParseException(
        "node id '"
            + field
            + "' is not a 64-bit integer; use string ids (--id-type string) for non-numeric ids");
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

  /**
   * The fields of one line as positions in it, reused from line to line, so that splitting a line
   * and parsing its ids creates no string or array per line, unlike a regular expression split.
   *
   * <p>Splits like {@code line.strip().split("[\\s,]+")}: a separator at the start of the
   * stripped line gives an empty first field, separators at its end give none. A line given as
   * UTF-8 bytes is read in place when it is all ASCII and decoded otherwise, with the same fields.
   */
  public static final class Fields {
    /** The line, when it was given as a string or had non-ASCII bytes; otherwise null. */
    private String text;
    /** The line's bytes, when they are all ASCII; otherwise null. */
    private byte[] ascii;
    private int count;
    private int[] starts = new int[4];
    private int[] ends = new int[4];

    /** Splits {@code line}; returns false if it is blank or a comment, which have no fields. */
    public boolean split(String line) {
      text = line;
      ascii = null;
      return splitRange(line.length());
    }

    /**
     * Splits the line in the first {@code length} bytes of {@code utf8}, which must not change
     * until the next split; returns false if it is blank or a comment.
     */
    public boolean split(byte[] utf8, int length) {
      for (int i = 0; i < length; i++) {
        if (utf8[i] < 0) {
          return split(new String(utf8, 0, length, StandardCharsets.UTF_8));
        }
      }
      text = null;
      ascii = utf8;
      return splitRange(length);
    }

    private char charAt(int i) {
      return ascii != null ? (char) ascii[i] : text.charAt(i);
    }

    private boolean splitRange(int length) {
      count = 0;
      // Strip whitespace as String.strip() does; no whitespace character lies outside the BMP.
      int begin = 0;
      int end = length;
      while (begin < end && Character.isWhitespace(charAt(begin))) {
        begin++;
      }
      while (end > begin && Character.isWhitespace(charAt(end - 1))) {
        end--;
      }
      if (begin == end || charAt(begin) == '#' || charAt(begin) == '%') {
        return false;
      }
      boolean leadingSeparator = isSeparator(charAt(begin));
      int i = begin;
      while (i < end) {
        while (i < end && isSeparator(charAt(i))) {
          i++;
        }
        if (i == end) {
          break;
        }
        int start = i;
        while (i < end && !isSeparator(charAt(i))) {
          i++;
        }
        if (leadingSeparator && count == 0) {
          add(begin, begin);
        }
        add(start, i);
      }
      return true;
    }

    /** Returns whether {@code c} separates fields: a comma or a character of the regex class {@code \s}. */
    private static boolean isSeparator(char c) {
      return c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private void add(int start, int end) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, 2 * count);
        ends = Arrays.copyOf(ends, 2 * count);
      }
      starts[count] = start;
      ends[count] = end;
      count++;
    }

    /** Returns the number of fields of the last line split. */
    public int count() {
      return count;
    }

    /** Returns field {@code i} as written. */
    public String get(int i) {
      return ascii != null
          ? new String(ascii, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1)
          : text.substring(starts[i], ends[i]);
    }

    /** Returns all fields as written. */
    public String[] toArray() {
      String[] out = new String[count];
      for (int i = 0; i < count; i++) {
        out[i] = get(i);
      }
      return out;
    }

    /** Parses field {@code i} as a 64-bit integer node id, like {@link EdgeLineParser#parseLongId}. */
    public long parseLongId(int i) {
      try {
        return parseLong(i);
      } catch (NumberFormatException e) {
        throw notLongId(get(i));
      }
    }

    /** Returns true if field {@code i} parses as a 64-bit integer. */
    public boolean isLongId(int i) {
      try {
        parseLong(i);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    private long parseLong(int i) {
      return ascii != null
          ? parseAsciiLong(ascii, starts[i], ends[i])
          : Long.parseLong(text, starts[i], ends[i], 10);
    }

    /** Parses field {@code i} as an edge weight, like {@link EdgeLineParser#parseWeight}. */
    public double parseWeight(int i) {
      return EdgeLineParser.parseWeight(get(i));
    }
  }

  /**
   * Parses ASCII bytes [from, to) as {@link Long#parseLong(String)} parses the same text: an
   * optional sign and decimal digits, accumulated as a negative number so that the minimum value
   * parses too.
   *
   * @throws NumberFormatException if the text is empty, has a non-digit or overflows 64 bits
   */
  static long parseAsciiLong(byte[] bytes, int from, int to) {
    boolean negative = from < to && bytes[from] == '-';
    int i = from < to && (bytes[from] == '-' || bytes[from] == '+') ? from + 1 : from;
    if (i == to) {
      throw new NumberFormatException("no digits");
    }
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long minBeforeMultiply = limit / 10;
    long result = 0;
    for (; i < to; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9 || result < minBeforeMultiply) {
        throw new NumberFormatException("not a 64-bit integer");
      }
      result *= 10;
      if (result < limit + digit) {
        throw new NumberFormatException("not a 64-bit integer");
      }
      result -= digit;
    }
    return negative ? result : -result;
  }

  /** A problem with one line; the caller adds the file and line. */
  public static final class LineParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LineParseException(String problem) {
      super(problem);
    }
  }
}
