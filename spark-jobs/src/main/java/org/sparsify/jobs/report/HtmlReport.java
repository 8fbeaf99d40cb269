package org.sparsify.jobs.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML report: headings, paragraphs, tables and PNG figures.
 *
 * <p>Figures are embedded in the page as {@code data:} URIs, so the single HTML file opens
 * anywhere, and each PNG is also returned by {@link #images()} for the caller to write beside
 * the page under its file name. All text is HTML-escaped.
 */
public final class HtmlReport {

  private final String title;
  private final StringBuilder body = new StringBuilder();
  private final Map<String, byte[]> images = new LinkedHashMap<>();

  /** Creates a report with the given page title. */
  public HtmlReport(String title) {
    this.title = title;
  }

  /** Appends the body and the figures of {@code other}, without its title. */
  public HtmlReport append(HtmlReport other) {
    for (String name : other.images.keySet()) {
      if (images.containsKey(name)) {
        throw new IllegalArgumentException("both reports have a figure named '" + name + "'");
      }
    }
    body.append(other.body);
    images.putAll(other.images);
    return this;
  }

  /** Adds a section heading. */
  public HtmlReport heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  /** Adds a paragraph of plain text. */
  public HtmlReport paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** Adds a table; null cells show as "-". */
  public HtmlReport table(ResultTable table) {
    body.append("<table>\n<tr>");
    for (String column : table.columns()) {
      body.append("<th>").append(escape(column)).append("</th>");
    }
    body.append("</tr>\n");
    for (Map<String, Object> row : table.rows()) {
      body.append("<tr>");
      for (String column : table.columns()) {
        Object cell = row.get(column);
        String align = cell instanceof Number ? " class=\"num\"" : "";
        body.append("<td").append(align).append('>').append(escape(ResultTable.display(cell))).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /**
   * Adds a PNG figure with a caption.
   *
   * @param fileName the name under which {@link #images()} returns the PNG, ending in .png
   */
  public HtmlReport figure(String fileName, byte[] png, String caption) {
    if (!fileName.endsWith(".png") || fileName.contains("/") || images.containsKey(fileName)) {
      throw new IllegalArgumentException(
          "figure file name must be a new plain name ending in .png but was '" + fileName + "'");
    }
    images.put(fileName, png.clone());
    body.append("<figure><img alt=\"").append(escape(caption)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">")
        .append("<figcaption>").append(escape(caption)).append(" (<a href=\"").append(escape(fileName))
        .append("\">").append(escape(fileName)).append("</a>)</figcaption></figure>\n");
    return this;
  }

  /** Returns the PNG figures by file name, in the order they were added. */
  public Map<String, byte[]> images() {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    images.forEach((name, png) -> copy.put(name, png.clone()));
    return copy;
  }

  /** Returns the names of the figures. */
  public List<String> imageNames() {
    return new ArrayList<>(images.keySet());
  }

  /** Returns the complete HTML page. */
  public String toHtml() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
        + "</title>\n<style>\n"
        + "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}\n"
        + "table{border-collapse:collapse;margin:1em 0;display:block;overflow-x:auto}th,td{border:1px solid #bbb;padding:3px 8px}\n"
        + "th{background:#eee}td.num{text-align:right;font-family:monospace}\n"
        + "figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}\n"
        + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
  }

  /** Returns the page as UTF-8 bytes. */
  public byte[] toBytes() {
    return toHtml().getBytes(StandardCharsets.UTF_8);
  }

  /** Escapes the five HTML special characters. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
