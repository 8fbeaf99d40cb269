package org.sparsify.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's output directory, written in a hidden staging directory beside it and renamed into place
 * only when every file is complete.
 *
 * <p>The staging directory is {@code .NAME.staging-UUID} in the same parent, so the final rename
 * stays within one file system (atomic on HDFS and on local disks). A run that dies leaves only
 * the hidden staging directory, which Hadoop input formats skip and the next run for the same
 * output deletes. {@code _SUCCESS} is written last, just before the rename.
 */
public final class OutputDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(OutputDirectory.class);
  private static final String STAGING_INFIX = ".staging-";

  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;

  private OutputDirectory(FileSystem fs, Path target, Path staging, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  /**
   * Checks that {@code dir} may be written and creates its staging directory.
   *
   * @throws IllegalArgumentException if {@code dir} exists and {@code overwrite} is false
   */
  public static OutputDirectory prepare(Configuration conf, String dir, boolean overwrite) throws IOException {
    Path target = new Path(dir);
    FileSystem fs = target.getFileSystem(conf);
    target = fs.makeQualified(target);
    if (fs.exists(target) && !overwrite) {
      throw new IllegalArgumentException(
          "output directory " + target + " already exists; choose another --output or add --overwrite to replace it");
    }
    Path parent = target.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("output directory must not be a file system root: " + target);
    }
    deleteStaleStaging(fs, parent, target.getName());
    Path staging = new Path(parent, "." + target.getName() + STAGING_INFIX + UUID.randomUUID());
    if (!fs.mkdirs(staging)) {
      throw new IOException("cannot create staging directory " + staging);
    }
    return new OutputDirectory(fs, target, staging, overwrite);
  }

  private static void deleteStaleStaging(FileSystem fs, Path parent, String name) throws IOException {
    if (!fs.exists(parent)) {
      return;
    }
    String prefix = "." + name + STAGING_INFIX;
    for (FileStatus status : fs.listStatus(parent)) {
      if (status.getPath().getName().startsWith(prefix)) {
        LOG.warn("Deleting {}, left by an earlier run of the same output that did not finish", status.getPath());
        fs.delete(status.getPath(), true);
      }
    }
  }

  /** Returns the path of {@code child} inside the staging directory, for writers to fill. */
  public String path(String child) {
    return new Path(staging, child).toString();
  }

  /** Returns the final directory. */
  public Path target() {
    return target;
  }

  /** Writes a small UTF-8 text file into the staging directory. */
  public void writeText(String child, String text) throws IOException {
    try (OutputStream out = fs.create(new Path(staging, child), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Writes {@code _SUCCESS} and moves the staging directory to the final path. */
  public void commit() throws IOException {
    writeText("_SUCCESS", "");
    if (fs.exists(target)) {
      if (!overwrite) {
        throw new IOException("output directory " + target + " appeared while the job ran; the result stays in " + staging);
      }
      fs.delete(target, true);
    }
    if (!fs.rename(staging, target)) {
      throw new IOException("cannot rename " + staging + " to " + target);
    }
  }

  /** Deletes the staging directory after a failure; logs and keeps going if that fails too. */
  public void abort() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      LOG.warn("Cannot delete staging directory {} after a failed run", staging, e);
    }
  }
}
