package org.sparsify.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    assertEquals(0.0, quick.lrStep());
    assertEquals(List.of(0.0, 0.9), quick.lrMomenta());
    BenchSuite.Config full = config("--profile", "full", "--output", "/tmp/x");
    assertArrayEquals(new long[] {20_000, 200_000}, full.plantedSizes().get(0));
    assertArrayEquals(new long[] {200_000, 2_000_000}, full.plantedSizes().get(1));
    assertArrayEquals(new long[] {1_000_000, 10_000_000}, full.plantedSizes().get(2));
    assertArrayEquals(new long[] {20_000, 1_000_000, 20, 0}, full.synthetic().get(0));
    assertArrayEquals(new long[] {200_000, 20_000_000, 50, 20}, full.synthetic().get(1));
    BenchSuite.Config custom = config("--profile", "full", "--planted", "none", "--synthetic", "none",
        "--lr-step", "0.5", "--lr-momentum", "0.5", "--output", "/x");
    assertTrue(custom.plantedSizes().isEmpty());
    assertTrue(custom.synthetic().isEmpty());
    assertEquals(0.5, custom.lrStep());
    assertEquals(List.of(0.5), custom.lrMomenta());
  }

  @Test
  void invalidGradientSettingsNameTheValue() {
    IllegalArgumentException rounds =
        assertThrows(IllegalArgumentException.class, () -> config("--synthetic", "10:100:5:0", "--output", "/x"));
    assertTrue(rounds.getMessage().contains("'10:100:5:0'"), rounds.getMessage());
    IllegalArgumentException momentum =
        assertThrows(IllegalArgumentException.class, () -> config("--lr-momentum", "0,1", "--output", "/x"));
    assertTrue(momentum.getMessage().contains("[0, 1) but one was '1'"), momentum.getMessage());
    IllegalArgumentException step =
        assertThrows(IllegalArgumentException.class, () -> config("--lr-step", "fast", "--output", "/x"));
    assertTrue(step.getMessage().contains("'fast'"), step.getMessage());
  }

  @Test
  void invalidValuesNameTheOption() {
    IllegalArgumentException profile = assertThrows(IllegalArgumentException.class, () -> config("--profile", "huge"));
    assertTrue(profile.getMessage().contains("--profile must be quick or full but was 'huge'"), profile.getMessage());
    IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class, () -> config("--planted", "10x20"));
    assertTrue(sizes.getMessage().contains("nodes:edges"), sizes.getMessage());
    IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
        () -> config("--skip-graph", "--skip-gradient"));
    assertTrue(nothing.getMessage().contains("leave nothing to measure"), nothing.getMessage());
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
    assertTrue(e.getMessage().contains("--rates values must be in (0, 1] but one was '0'"), e.getMessage());
  }
}
