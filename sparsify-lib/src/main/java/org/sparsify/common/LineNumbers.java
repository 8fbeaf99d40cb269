package org.sparsify.common;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Turns the byte offset of a text line, as Hadoop's {@code TextInputFormat} reports it, into a
 * line number for error messages.
 *
 * <p>Executors only know the offset of a bad line, so the driver counts the line breaks before it
 * when it reports the error. For compressed files the offset is a position in the decompressed
 * text, so the file is read through its codec.
 */
public final class LineNumbers {

  private LineNumbers() {}

  /** Returns the 1-based number of the line that starts at {@code offset} of {@code file}. */
  public static long lineNumberAt(Configuration conf, Path file, long offset) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    try (InputStream raw = fs.open(file);
        InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
      byte[] buffer = new byte[1 << 16];
      long line = 1;
      long remaining = offset;
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          break;
        }
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            line++;
          }
        }
        remaining -= read;
      }
      return line;
    }
  }
}
