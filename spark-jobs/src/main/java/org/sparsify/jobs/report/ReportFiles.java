package org.sparsify.jobs.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Writes a report's files (the page and its PNG figures) to any Hadoop path. */
public final class ReportFiles {

  private ReportFiles() {}

  /** Writes {@code report} as {@code dir/pageName} with each figure beside it. */
  public static void write(Configuration conf, String dir, String pageName, HtmlReport report) throws IOException {
    write(conf, new Path(dir, pageName), report.toBytes());
    for (Map.Entry<String, byte[]> image : report.images().entrySet()) {
      write(conf, new Path(dir, image.getKey()), image.getValue());
    }
  }

  /** Writes {@code bytes} to {@code path}, replacing it. */
  public static void write(Configuration conf, Path path, byte[] bytes) throws IOException {
    try (OutputStream out = path.getFileSystem(conf).create(path, true)) {
      out.write(bytes);
    }
  }
}
