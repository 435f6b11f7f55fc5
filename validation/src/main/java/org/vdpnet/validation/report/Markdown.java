package org.vdpnet.validation.report;

/**
 * A small, dependency-free Markdown-to-HTML rendering of the constructs vdpnet's reports use:
 * headings, paragraphs, bullet lists, tables, images, fenced code, {@code `code`} and {@code **bold**}.
 */
public final class Markdown {
    private Markdown() {}

    /** A self-contained HTML page (images referenced beside it). */
    public static String html(String md, String title) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}img{max-width:100%}pre{background:#f4f4f4;padding:8px;white-space:pre-wrap}"
                        + "</style></head><body>\n");
        boolean inTable = false;
        boolean inPre = false;
        boolean inList = false;
        for (String line : md.split("\n")) {
            if (line.startsWith("```")) {
                h.append(inPre ? "</pre>\n" : "<pre>");
                inPre = !inPre;
                continue;
            }
            if (inPre) {
                h.append(esc(line)).append('\n');
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                h.append("</table>\n");
                inTable = false;
            }
            if (inList && !line.startsWith("- ")) {
                h.append("</ul>\n");
                inList = false;
            }
            if (line.startsWith("|")) {
                if (line.startsWith("|---")) {
                    continue;
                }
                boolean header = !inTable;
                if (!inTable) {
                    h.append("<table>\n");
                    inTable = true;
                }
                h.append("<tr>");
                for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                    h.append(header ? "<th>" : "<td>").append(inline(c.strip())).append(header ? "</th>" : "</td>");
                }
                h.append("</tr>\n");
            } else if (line.startsWith("- ")) {
                if (!inList) {
                    h.append("<ul>\n");
                    inList = true;
                }
                h.append("<li>").append(inline(line.substring(2))).append("</li>\n");
            } else if (line.startsWith("# ")) {
                h.append("<h1>").append(inline(line.substring(2))).append("</h1>\n");
            } else if (line.startsWith("## ")) {
                h.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("![")) {
                String alt = line.substring(2, line.indexOf(']'));
                String src = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                h.append("<p><img src=\"").append(esc(src)).append("\" alt=\"").append(esc(alt)).append("\"></p>\n");
            } else if (!line.isBlank()) {
                h.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (inTable) {
            h.append("</table>\n");
        }
        if (inList) {
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String inline(String s) {
        return esc(s).replaceAll("`([^`]+)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>");
    }

    /** Escapes HTML's special characters. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
