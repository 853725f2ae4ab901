package dev.cbagent.fleet;

import java.util.List;
import java.util.Locale;

/** The report as JUnit XML: one testsuite, one testcase per host, a failure element for each failed host. */
public final class JunitXml {
    private JunitXml() {
    }

    public static String render(FleetReport report, String suiteName) {
        long failures = report.hosts().stream().filter(h -> !h.ok()).count();
        double seconds = report.hosts().stream().mapToLong(HostResult::durationMs).sum() / 1000.0;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(escape(suiteName)).append("\" tests=\"").append(report.hosts().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(seconds(seconds)).append("\">\n");
        for (HostResult h : report.hosts()) {
            String name = h.hostname() == null ? h.address() : h.address() + " (" + h.hostname() + ")";
            xml.append("  <testcase classname=\"cbagent.fleet\" name=\"").append(escape(name)).append("\" time=\"")
                    .append(seconds(h.durationMs() / 1000.0)).append('"');
            if (h.ok()) {
                xml.append(">\n    <system-out>").append(escape(h.status().word()
                        + (h.resourceId() == null ? "" : " resourceId=" + h.resourceId())
                        + (h.protection() == null ? "" : " protected" + (h.protection().changed() ? "" : " (unchanged)"))))
                        .append("</system-out>\n");
            } else {
                String message = (h.status() == HostResult.Status.FAILED ? "" : h.status().word() + ": ") + "step "
                        + h.step() + (h.exitCode() == null ? "" : ", exit code " + h.exitCode())
                        + ": " + (h.error() == null ? "failed" : h.error())
                        + (h.log() == null ? "" : " (log: " + h.log() + ")");
                StringBuilder body = new StringBuilder(message);
                List<String> last = h.lastLines(ReportJson.OUTPUT_LINES);
                if (!last.isEmpty()) {
                    body.append("\n\nthe installer's last lines:\n").append(String.join("\n", last));
                }
                xml.append(">\n    <failure type=\"").append(escape(String.valueOf(h.step()))).append("\" message=\"")
                        .append(escape(message)).append("\">").append(escape(body.toString())).append("</failure>\n");
            }
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
