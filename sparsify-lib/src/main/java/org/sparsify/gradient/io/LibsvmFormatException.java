package org.sparsify.gradient.io;

/**
 * An invalid LIBSVM line. Thrown on executors with the file and the byte offset of the line; the
 * driver turns the offset into a line number with {@link LibsvmReader} before it reports the error.
 */
public final class LibsvmFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final long byteOffset;
  private final long lineNumber;
  private final String problem;

  /**
   * @param file the path of the file, or a description of the input
   * @param byteOffset the offset of the line's first byte in the (uncompressed) file, or -1
   * @param lineNumber the 1-based line number, or -1 while it is unknown
   * @param problem what is wrong with the line, naming the value
   */
  public LibsvmFormatException(String file, long byteOffset, long lineNumber, String problem) {
    super(describe(file, byteOffset, lineNumber, problem));
    this.file = file;
    this.byteOffset = byteOffset;
    this.lineNumber = lineNumber;
    this.problem = problem;
  }

  private static String describe(String file, long byteOffset, long lineNumber, String problem) {
    String where = lineNumber > 0 ? "line " + lineNumber : "byte offset " + byteOffset;
    return "invalid LIBSVM input in " + file + " at " + where + ": " + problem;
  }

  /** Returns the same error with the line number filled in. */
  public LibsvmFormatException withLineNumber(long line) {
    return new LibsvmFormatException(file, byteOffset, line, problem);
  }

  public String file() {
    return file;
  }

  public long byteOffset() {
    return byteOffset;
  }

  public long lineNumber() {
    return lineNumber;
  }

  public String problem() {
    return problem;
  }
}
