package org.sparsify.graph.io;

/** What the loader does with a malformed line or a record with an invalid weight. */
public enum BadLinePolicy {
  /** Stop loading with an error that names the file, the line number and the value. */
  FAIL,
  /** Drop the line and count it in {@link LoadStats#linesSkipped()}. */
  SKIP
}
