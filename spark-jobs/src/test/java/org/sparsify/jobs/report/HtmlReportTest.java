package org.sparsify.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  private static byte[] chart() throws Exception {
    return new LineChart("loss", "round", "loss").logY()
        .add("topk", new double[] {1, 2, 3}, new double[] {0.7, 0.5, 0.4})
        .add("none", new double[] {1, 2, 3}, new double[] {0.7, Double.NaN, 0.0})
        .toPng(400, 300);
  }

  @Test
  void chartRendersPngOfRequestedSize() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart()));
    assertEquals(400, image.getWidth());
    assertEquals(300, image.getHeight());
  }

  @Test
  void chartCountsPointsItCannotDraw() throws Exception {
    LineChart chart = new LineChart("t", "x", "y").logY()
        .add("a", new double[] {1, 2, 3}, new double[] {1, Double.NaN, 0});
    chart.toPng(200, 100);
    assertEquals(2, chart.skippedPoints());
  }

  @Test
  void pageEmbedsFiguresAndEscapesText() throws Exception {
    byte[] png = chart();
    ResultTable table = new ResultTable(List.of("tool", "ari"));
    table.addRow().set("tool", "<script>").set("ari", 0.91);
    String html = new HtmlReport("A & B").paragraph("p < 1").table(table).figure("loss.png", png, "Loss").toHtml();

    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<h1>A &amp; B</h1>"));
    assertTrue(html.contains("p &lt; 1"));
    assertTrue(html.contains("&lt;script&gt;"));
    assertFalse(html.contains("<script>"));
    Matcher data = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    assertTrue(data.find());
    assertArrayEquals(png, Base64.getDecoder().decode(data.group(1)));
    assertTrue(html.contains("href=\"loss.png\""));
  }

  @Test
  void appendKeepsFiguresOfBothAndRejectsDuplicates() throws Exception {
    byte[] png = chart();
    HtmlReport first = new HtmlReport("first").figure("a.png", png, "A");
    HtmlReport second = new HtmlReport("second").figure("b.png", png, "B");
    first.append(second);
    assertEquals(List.of("a.png", "b.png"), first.imageNames());
    assertFalse(first.toHtml().contains("<h1>second</h1>"));
    assertThrows(IllegalArgumentException.class, () -> first.append(new HtmlReport("x").figure("a.png", png, "A")));
    assertThrows(IllegalArgumentException.class, () -> new HtmlReport("x").figure("../a.png", png, "A"));
  }

  @Test
  void sweepReportAveragesOverSeeds() throws Exception {
    ResultTable table = new ResultTable(List.of("p", "seed", "ari", "ari_vs_full", "ari_full", "embed_ms",
        "embed_full_ms", "cluster_ms", "eigenvalues", "eigenvalues_full"));
    table.addRow().set("p", 0.2).set("seed", 1L).set("ari", 0.8).set("embed_ms", 100.0)
        .set("eigenvalues", "0 0.1 0.2").set("eigenvalues_full", "0 0.1 0.2");
    table.addRow().set("p", 0.2).set("seed", 2L).set("ari", 0.9).set("embed_ms", 300.0);
    table.addRow().set("p", 1.0).set("seed", 1L).set("ari", 1.0);

    double[] ari = SweepReport.meanByRate(table, List.of(0.2, 1.0), "ari");
    assertEquals(0.85, ari[0], 1e-12);
    assertEquals(1.0, ari[1], 1e-12);
    assertTrue(Double.isNaN(SweepReport.meanByRate(table, List.of(0.2, 1.0), "embed_ms")[1]));

    HtmlReport report = SweepReport.build(table, "graph", 2, List.of(0.2, 1.0), List.of(1L, 2L));
    assertEquals(List.of("ari-vs-p.png", "time-vs-p.png", "eigenvalues.png"), report.imageNames());
  }
}
