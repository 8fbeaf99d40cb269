package org.sparsify.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeakMemoryTest {

  private static final int BLOCK = 192 << 20;

  @Test
  void heapPeakSurvivesCollection() throws InterruptedException {
    System.gc();
    PeakMemory.reset();
    byte[] block = new byte[BLOCK];
    block[BLOCK - 1] = 1;
    assertTrue(PeakMemory.peakHeapInUseBytes() >= BLOCK, "the block is in use now");
    block = null;
    // The peak must survive the block: a collection saw it on starting.
    long deadline = System.nanoTime() + 20_000_000_000L;
    long seen = PeakMemory.collections();
    System.gc();
    while (PeakMemory.collections() == seen && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    long now = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    assertTrue(PeakMemory.collections() > seen, "no collection was reported within 20 s");
    assertTrue(PeakMemory.peakLiveHeapBytes() > 0);
    // The heap now no longer contains the block, so only a collection can have kept the peak.
    assertTrue(PeakMemory.peakHeapInUseBytes() >= now + BLOCK / 2,
        "peak " + PeakMemory.peakHeapInUseBytes() + " does not exceed the heap now (" + now + ") by the block");
  }
}
