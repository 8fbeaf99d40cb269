package org.sparsify.jobs.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak memory of this JVM since the last {@link #reset}: the heap in use, the live heap and the
 * resident set size.
 *
 * <p>The heap in use peaks just before a collection, so the peak is the largest heap occupancy that
 * any garbage collection saw on starting (summed over the heap pools at that moment), or the
 * occupancy now if that is larger. The live heap is the largest occupancy a collection left
 * behind: what the run needed to hold at once. The resident set size is Linux's {@code VmHWM},
 * reset through {@code /proc/self/clear_refs}.
 *
 * <p>In Spark local mode the driver and the executor threads share this JVM, so these figures
 * cover the driver and the executors together; processes started from the JVM (scikit-learn) are
 * not included.
 */
final class PeakMemory {

  private static final AtomicLong PEAK_IN_USE = new AtomicLong();
  private static final AtomicLong PEAK_LIVE = new AtomicLong();
  private static final Set<String> HEAP_POOLS = new HashSet<>();
  private static final AtomicLong RUN_PEAK_RESIDENT = new AtomicLong();
  private static final AtomicLong COLLECTIONS = new AtomicLong();
  private static boolean listening;
  private static boolean residentReset;

  private PeakMemory() {}

  /** Starts watching the garbage collections (once) and resets every peak. */
  static synchronized void reset() {
    if (!listening) {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          HEAP_POOLS.add(pool.getName());
        }
      }
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener((notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
              GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
              PEAK_IN_USE.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
              PEAK_LIVE.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc()), Math::max);
              COLLECTIONS.incrementAndGet();
            }
          }, null, null);
        }
      }
      listening = true;
    }
    PEAK_IN_USE.set(0);
    PEAK_LIVE.set(0);
    RUN_PEAK_RESIDENT.accumulateAndGet(peakResidentBytes(), Math::max);
    residentReset = resetResident();
  }

  /** Returns whether the last reset also reset the peak resident set size. */
  static synchronized boolean residentWasReset() {
    return residentReset;
  }

  /** Returns the peak resident set size over the whole run, resets included, or -1 where unknown. */
  static long runPeakResidentBytes() {
    return Math.max(RUN_PEAK_RESIDENT.get(), peakResidentBytes());
  }

  private static long heapUsed(Map<String, MemoryUsage> usage) {
    long total = 0;
    for (Map.Entry<String, MemoryUsage> pool : usage.entrySet()) {
      if (HEAP_POOLS.contains(pool.getKey())) {
        total += pool.getValue().getUsed();
      }
    }
    return total;
  }

  /** Returns the number of garbage collections reported since the first reset. */
  static long collections() {
    return COLLECTIONS.get();
  }

  /** Returns the largest heap occupancy since the last reset, in bytes. */
  static long peakHeapInUseBytes() {
    long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return Math.max(now, PEAK_IN_USE.get());
  }

  /** Returns the largest heap occupancy a collection left behind since the last reset, 0 if none ran. */
  static long peakLiveHeapBytes() {
    return PEAK_LIVE.get();
  }

  /** Resets VmHWM to the current resident set size; returns false where Linux does not allow it. */
  private static boolean resetResident() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5", StandardCharsets.US_ASCII);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /**
   * Returns the peak resident set size since the last reset in bytes (since the JVM started where
   * the reset failed), or -1 where /proc/self/status has no VmHWM.
   */
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
