package org.sparsify.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsify.jobs.bench.BenchSuite;
import org.sparsify.jobs.bench.PlantedGraphs;
import org.sparsify.graph.generate.PlantedPartition;

class BenchJobOptionsTest {

  private static BenchSuite.Config config(String... args) {
    return BenchJob.config(BenchJob.options().parse(args));
  }

  @Test
  void profilesSetSizesThatOptionsOverride() {
    BenchSuite.Config quick = config("--output", "/tmp/x");
    assertEquals(1, quick.plantedSizes().size());
    BenchSuite.Config full = config("--profile", "full", "--output", "/tmp/x");
    assertArrayEquals(new long[] {200_000, 2_000_000}, full.plantedSizes().get(0));
    assertArrayEquals(new long[] {1_000_000, 10_000_000}, full.plantedSizes().get(1));
    assertArrayEquals(new long[] {200_000, 20_000_000, 50}, full.synthetic());
    BenchSuite.Config custom = config("--profile", "full", "--planted", "none", "--synthetic", "none", "--output", "/x");
    assertTrue(custom.plantedSizes().isEmpty());
    assertNull(custom.synthetic());
  }

  @Test
  void invalidValuesNameTheOption() {
    IllegalArgumentException profile = assertThrows(IllegalArgumentException.class, () -> config("--profile", "huge"));
    assertTrue(profile.getMessage().contains("--profile must be quick or full but was 'huge'"), profile.getMessage());
    IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class, () -> config("--planted", "10x20"));
    assertTrue(sizes.getMessage().contains("nodes:edges"), sizes.getMessage());
    IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> config("--p", "1.5"));
    assertTrue(rate.getMessage().contains("--p must be in (0, 1] but was 1.5"), rate.getMessage());
  }

  @Test
  void plantedModelHitsRequestedEdgeCount() {
    PlantedPartition model = PlantedGraphs.model(200_000, 2_000_000, 10, 0.1);
    assertEquals(200_000, model.numNodes());
    assertEquals(2_000_000, model.expectedEdges(), 1.0);
    assertThrows(IllegalArgumentException.class, () -> PlantedGraphs.model(100, 1_000_000, 10, 0.1));
  }

  @Test
  void sweepRejectsRatesOutsideTheUnitInterval() {
    assertEquals(List.of(0.1, 1.0), SweepJob.parseRates("0.1, 1.0"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepJob.parseRates("0.1,0"));
    assertTrue(e.getMessage().contains("--rates must be in (0, 1] but one was 0"), e.getMessage());
  }
}
