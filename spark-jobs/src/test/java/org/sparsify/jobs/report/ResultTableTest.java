package org.sparsify.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  private static ResultTable sample() {
    ResultTable table = new ResultTable(List.of("tool", "value", "note"));
    table.addRow().set("tool", "scikit-learn").set("value", 1234.5).set("note", "quoted \"text\", with comma");
    table.addRow().set("tool", "sparsify").set("value", null).set("note", "not measured");
    return table;
  }

  @Test
  void csvQuotesFieldsAndLeavesMissingEmpty() {
    String[] lines = sample().toCsv().split("\r\n");
    assertEquals(3, lines.length);
    assertEquals("tool,value,note", lines[0]);
    assertEquals("scikit-learn,1234.5,\"quoted \"\"text\"\", with comma\"", lines[1]);
    assertEquals("sparsify,,not measured", lines[2]);
  }

  @Test
  void jsonKeepsTypesAndNulls() throws Exception {
    JsonNode rows = new ObjectMapper().readTree(sample().toJson());
    assertEquals(2, rows.size());
    assertEquals(1234.5, rows.get(0).get("value").asDouble());
    assertTrue(rows.get(1).get("value").isNull());
    assertEquals("sparsify", rows.get(1).get("tool").asText());
  }

  @Test
  void textAlignsColumnsAndMarksMissing() {
    String[] lines = sample().toText().split("\n");
    assertEquals(4, lines.length);
    int valueColumn = lines[0].indexOf("value");
    assertEquals(' ', lines[1].charAt(valueColumn - 1));
    assertEquals('-', lines[1].charAt(valueColumn));
    assertTrue(lines[2].contains("1235"), lines[2]);
    assertTrue(lines[3].contains(" - "), lines[3]);
  }

  @Test
  void rejectsNonFiniteAndUnknownCells() {
    ResultTable.Row row = sample().addRow();
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> row.set("value", Double.NaN));
    assertTrue(nan.getMessage().contains("value must be a finite number but was NaN"), nan.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> row.set("speed", 1));
    assertTrue(unknown.getMessage().contains("unknown column 'speed'"), unknown.getMessage());
  }
}
