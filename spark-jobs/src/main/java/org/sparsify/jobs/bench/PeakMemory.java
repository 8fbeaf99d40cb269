package org.sparsify.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM: the sum of the heap pools' peak usage since the last {@link #reset},
 * and the process's peak resident set size (Linux {@code VmHWM}).
 *
 * <p>In Spark local mode the driver and the executor threads share this JVM, so these are the
 * driver and executor peaks together. The heap figure is the sum of per-pool peaks, which can
 * exceed the true simultaneous peak.
 */
final class PeakMemory {

  private PeakMemory() {}

  /** Resets the heap pools' peak counters. */
  static void reset() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Returns the sum of the heap pools' peak usage in bytes. */
  static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }

  /** Returns the peak resident set size in bytes, or -1 where /proc/self/status has no VmHWM. */
  static long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          String[] fields = line.substring(6).trim().split("\\s+");
          return Long.parseLong(fields[0]) * 1024L;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
