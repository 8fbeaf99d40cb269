package org.sparsify.common;

/**
 * Invalid input data, located by file and line (text input) or file and record (Parquet input).
 *
 * <p>On executors the line number of a text line is not known, only its byte offset in the file.
 * The readers of edge lists and LIBSVM files turn the offset into a line number on the driver, with
 * {@link LineNumbers}, before they report the error.
 */
public final class InputFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long byteOffset;
  private final long lineNumber;
  private final String problem;

  /**
   * Creates an error for the line that starts at {@code byteOffset} in {@code file}.
   *
   * @param lineNumber the 1-based line number, or -1 when only the offset is known yet
   * @param problem what is wrong with the line, naming the offending value
   */
  public InputFormatException(String file, long byteOffset, long lineNumber, String problem) {
    super(format(file, byteOffset, lineNumber, problem));
    this.file = file;
    this.byteOffset = byteOffset;
    this.lineNumber = lineNumber;
    this.problem = problem;
  }

  private static String format(String file, long byteOffset, long lineNumber, String problem) {
    String where = lineNumber > 0 ? "line " + lineNumber : "byte offset " + byteOffset;
    return file + ", " + where + ": " + problem;
  }

  public String file() {
    return file;
  }

  public long byteOffset() {
    return byteOffset;
  }

  /** Returns the 1-based line number, or -1 if it is not known. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Returns the description of the problem without the location. */
  public String problem() {
    return problem;
  }

  /** Returns this error with its line number filled in. */
  public InputFormatException withLineNumber(long number) {
    return new InputFormatException(file, byteOffset, number, problem);
  }
}
