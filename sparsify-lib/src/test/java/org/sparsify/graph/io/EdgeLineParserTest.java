package org.sparsify.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
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

  @Test
  void splitMatchesRegexSplitOnRandomLines() {
    Pattern separator = Pattern.compile("[\\s,]+");
    String alphabet = "12-x ,\t\r\u000B\f#%.\u2003";
    SplittableRandom random = new SplittableRandom(9);
    for (int trial = 0; trial < 20_000; trial++) {
      StringBuilder line = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        line.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String trimmed = line.toString().strip();
      boolean comment = trimmed.isEmpty() || trimmed.charAt(0) == '#' || trimmed.charAt(0) == '%';
      String[] expected = comment ? null : separator.split(trimmed);
      assertArrayEquals(expected, EdgeLineParser.fields(line.toString()), "line '" + line + "'");
    }
  }

  @Test
  void fieldsParseIdsInPlace() {
    EdgeLineParser.Fields fields = new EdgeLineParser.Fields();
    assertTrue(fields.split(",-5\t1099511627777 , 0.25\r"));
    assertEquals(4, fields.count());
    assertEquals("", fields.get(0));
    assertEquals(-5L, fields.parseLongId(1));
    assertEquals(1099511627777L, fields.parseLongId(2));
    assertEquals(0.25, fields.parseWeight(3));
    assertFalse(fields.isLongId(0));
    EdgeLineParser.LineParseException e =
        assertThrows(EdgeLineParser.LineParseException.class, () -> fields.parseLongId(0));
    assertTrue(e.getMessage().contains("''"), e.getMessage());
    assertFalse(fields.split("  # comment"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "+0", "007", "+12", "-12", "9223372036854775807", "-9223372036854775808",
      "9223372036854775808", "-9223372036854775809", "99999999999999999999", "", "+", "-", "--5", "1-2", "12a",
      "a12", " 1"})
  void asciiLongParsesLikeLongParseLong(String text) {
    byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
    Long expected;
    try {
      expected = Long.parseLong(text);
    } catch (NumberFormatException e) {
      expected = null;
    }
    if (expected == null) {
      assertThrows(NumberFormatException.class, () -> EdgeLineParser.parseAsciiLong(bytes, 1, bytes.length - 1));
    } else {
      assertEquals(expected, EdgeLineParser.parseAsciiLong(bytes, 1, bytes.length - 1));
    }
  }

  @Test
  void byteSplitMatchesStringSplit() {
    String alphabet = "19-+x ,\t\r\u000B\f\u001C#%.\u00e9\u2003";
    SplittableRandom random = new SplittableRandom(21);
    EdgeLineParser.Fields fromBytes = new EdgeLineParser.Fields();
    EdgeLineParser.Fields fromString = new EdgeLineParser.Fields();
    for (int trial = 0; trial < 20_000; trial++) {
      StringBuilder line = new StringBuilder();
      int length = random.nextInt(14);
      for (int i = 0; i < length; i++) {
        line.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      byte[] bytes = (line + "trailing bytes past the length").getBytes(StandardCharsets.UTF_8);
      int byteLength = line.toString().getBytes(StandardCharsets.UTF_8).length;
      String context = "line '" + line + "'";
      assertEquals(fromString.split(line.toString()), fromBytes.split(bytes, byteLength), context);
      assertArrayEquals(fromString.toArray(), fromBytes.toArray(), context);
      for (int i = 0; i < fromString.count(); i++) {
        assertEquals(fromString.isLongId(i), fromBytes.isLongId(i), context);
      }
    }
  }
}
