package org.sparsify.graph.io;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link GraphLoader} reads an edge list.
 *
 * @param format file format; {@link Format#AUTO} picks Parquet for paths ending in {@code .parquet}
 *     and text otherwise. Default {@code AUTO}.
 * @param idType whether node ids are 64-bit integers or arbitrary strings. Default {@code LONG}.
 * @param header whether the first data line of each text file is a header. Default {@code AUTO}:
 *     with {@code LONG} ids, a first line whose endpoints are not integers is a header; with {@code
 *     STRING} ids, there is no header unless {@code PRESENT} is given.
 * @param badLines what to do with a malformed line or an invalid weight. Default {@code FAIL}.
 * @param merge how parallel and reverse arcs of one undirected edge combine their weights.
 *     Default {@code MAX}, which turns an unweighted directed list into the symmetrised 0/1 matrix.
 * @param nodesPath optional file listing node ids one per line, so that nodes without any edge
 *     count in n; {@code null} for none
 * @param minPartitions the minimum number of input partitions; 0 lets Spark choose. Default 0.
 */
public record EdgeListOptions(
    Format format,
    IdType idType,
    HeaderMode header,
    BadLinePolicy badLines,
    MergeRule merge,
    String nodesPath,
    int minPartitions)
    implements Serializable {

  /** Input file format. */
  public enum Format {
    AUTO,
    TEXT,
    PARQUET
  }

  /** Node id type. */
  public enum IdType {
    LONG,
    STRING
  }

  /** Header handling for text input. */
  public enum HeaderMode {
    AUTO,
    PRESENT,
    ABSENT
  }

  /** Weight of an undirected edge listed more than once, in either direction. */
  public enum MergeRule {
    /** The largest listed weight. */
    MAX,
    /** The sum of the listed weights. */
    SUM
  }

  public EdgeListOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(idType, "idType");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(badLines, "badLines");
    Objects.requireNonNull(merge, "merge");
    if (minPartitions < 0) {
      throw new IllegalArgumentException("minPartitions must be >= 0 but was " + minPartitions);
    }
  }

  /** Returns the defaults: auto format, 64-bit ids, auto header, fail on bad lines, max merge. */
  public static EdgeListOptions defaults() {
    return new EdgeListOptions(
        Format.AUTO, IdType.LONG, HeaderMode.AUTO, BadLinePolicy.FAIL, MergeRule.MAX, null, 0);
  }

  public EdgeListOptions withFormat(Format value) {
    return new EdgeListOptions(value, idType, header, badLines, merge, nodesPath, minPartitions);
  }

  public EdgeListOptions withIdType(IdType value) {
    return new EdgeListOptions(format, value, header, badLines, merge, nodesPath, minPartitions);
  }

  public EdgeListOptions withHeader(HeaderMode value) {
    return new EdgeListOptions(format, idType, value, badLines, merge, nodesPath, minPartitions);
  }

  public EdgeListOptions withBadLines(BadLinePolicy value) {
    return new EdgeListOptions(format, idType, header, value, merge, nodesPath, minPartitions);
  }

  public EdgeListOptions withMerge(MergeRule value) {
    return new EdgeListOptions(format, idType, header, badLines, value, nodesPath, minPartitions);
  }

  public EdgeListOptions withNodesPath(String value) {
    return new EdgeListOptions(format, idType, header, badLines, merge, value, minPartitions);
  }

  public EdgeListOptions withMinPartitions(int value) {
    return new EdgeListOptions(format, idType, header, badLines, merge, nodesPath, value);
  }

  /** Parses an enum constant case-insensitively, naming the accepted values on error. */
  public static <E extends Enum<E>> E parseEnum(String option, String text, Class<E> type) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      StringBuilder accepted = new StringBuilder();
      for (E value : type.getEnumConstants()) {
        accepted.append(accepted.length() == 0 ? "" : ", ").append(value.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException(
          option + " must be one of " + accepted + " but was '" + text + "'", e);
    }
  }
}
