package org.sparsify.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeLineParserTest {

  @Test
  void separatorsAndLineEndings() {
    assertArrayEquals(new String[] {"1", "2"}, EdgeLineParser.fields("1 2"));
    assertArrayEquals(new String[] {"1", "2", "0.5"}, EdgeLineParser.fields("1\t2\t0.5"));
    assertArrayEquals(new String[] {"1", "2"}, EdgeLineParser.fields("1,2"));
    assertArrayEquals(new String[] {"1", "2"}, EdgeLineParser.fields("  1 ,\t 2\r"));
  }

  @Test
  void commentsAndBlankLines() {
    assertNull(EdgeLineParser.fields("# FromNodeId ToNodeId"));
    assertNull(EdgeLineParser.fields("% matrix market comment"));
    assertNull(EdgeLineParser.fields("   \r"));
    assertNull(EdgeLineParser.fields(""));
  }

  @Test
  void wrongFieldCountNamesTheLine() {
    EdgeLineParser.LineParseException e =
        assertThrows(EdgeLineParser.LineParseException.class,
            () -> EdgeLineParser.checkEdgeFieldCount(new String[] {"1", "2", "3", "4"}));
    assertTrue(e.getMessage().contains("found 4"), e.getMessage());
    assertThrows(EdgeLineParser.LineParseException.class,
        () -> EdgeLineParser.checkEdgeFieldCount(new String[] {"1"}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0", "NaN", "Infinity", "-Infinity", "abc", "0.0"})
  void invalidWeightRejectedWithValue(String weight) {
    EdgeLineParser.LineParseException e =
        assertThrows(EdgeLineParser.LineParseException.class, () -> EdgeLineParser.parseWeight(weight));
    assertTrue(e.getMessage().contains("'" + weight + "'"), e.getMessage());
  }

  @Test
  void validWeights() {
    assertEquals(2.5, EdgeLineParser.parseWeight("2.5"));
    assertEquals(1e-300, EdgeLineParser.parseWeight("1e-300"));
  }

  @Test
  void longIdsIncludingNegativeAndLarge() {
    assertEquals(1099511627777L, EdgeLineParser.parseLongId("1099511627777"));
    assertEquals(-5L, EdgeLineParser.parseLongId("-5"));
    assertTrue(EdgeLineParser.isLongId("-5"));
    assertFalse(EdgeLineParser.isLongId("id_1"));
    EdgeLineParser.LineParseException e =
        assertThrows(EdgeLineParser.LineParseException.class, () -> EdgeLineParser.parseLongId("node7"));
    assertTrue(e.getMessage().contains("'node7'"), e.getMessage());
    assertTrue(e.getMessage().contains("--id-type string"), e.getMessage());
  }
}
