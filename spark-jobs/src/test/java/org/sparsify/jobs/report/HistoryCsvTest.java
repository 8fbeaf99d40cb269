package org.sparsify.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsify.gradient.train.RoundRecord;

class HistoryCsvTest {

  @Test
  void parseRestoresWrittenRecords() {
    RoundRecord first = new RoundRecord(1, 0.69, 3, 4.5, 6, 288, 120, 4000, 0.25, 288, Double.NaN, 15);
    RoundRecord second = new RoundRecord(2, 0.61, 2, 3.0, 4, 192, 80, 4000, 0.125, 480, 0.83, 31);
    String csv = RoundRecord.CSV_HEADER + "\n" + first.toCsv() + "\n" + second.toCsv() + "\n";

    List<RoundRecord> parsed = HistoryCsv.parse(csv, "history.csv");

    assertEquals(List.of(first, second), parsed);
  }

  @Test
  void missingColumnNamesFileAndColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HistoryCsv.parse("round,loss\n1,0.5\n", "run1/history.csv"));
    assertTrue(e.getMessage().contains("run1/history.csv has no column 'cumulative_paper_bits'"), e.getMessage());
  }

  @Test
  void badNumberNamesLine() {
    String csv = "round,loss,cumulative_paper_bits,error\n1,0.5,32,0.1\n2,oops,64,0.1\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistoryCsv.parse(csv, "h.csv"));
    assertTrue(e.getMessage().contains("h.csv line 3: column loss must be a number but was 'oops'"), e.getMessage());
  }
}
