package org.sparsify.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerProcessTest {

  @Test
  void lastLineIsParsedAsJson() throws IOException {
    JsonNode result = GraphBench.runForJson(
        List.of("/bin/sh", "-c", "echo progress; echo '{\"ari\": 0.5, \"total_seconds\": 2}'"), 30);
    assertEquals(0.5, result.get("ari").asDouble());
    assertEquals(2.0, result.get("total_seconds").asDouble());
  }

  @Test
  void failingPeerReportsExitCode() {
    IOException e = assertThrows(IOException.class,
        () -> GraphBench.runForJson(List.of("/bin/sh", "-c", "echo broken >&2; exit 3"), 30));
    assertTrue(e.getMessage().startsWith("exit code 3 from /bin/sh"), e.getMessage());
  }

  @Test
  void silentPeerTimesOut() {
    IOException e = assertThrows(IOException.class,
        () -> GraphBench.runForJson(List.of("/bin/sh", "-c", "sleep 30"), 1));
    assertTrue(e.getMessage().startsWith("timed out after 1 s"), e.getMessage());
  }
}
