package io.captchafeedback.verdictreport;

import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.solve.SolveFigures;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link VerdictReport.Snapshot} as one self-contained HTML page: inline CSS, inline SVG
 * charts, no script and nothing fetched. Every value from a page or a provider is escaped.
 */
final class VerdictReportHtml {
    static final String ACCEPTED_COLOUR = "#2e7d32";
    static final String REJECTED_COLOUR = "#c62828";
    private static final String TRACK_COLOUR = "#e0e0e0";
    private static final int LABEL_WIDTH = 200;
    private static final int BAR_WIDTH = 360;
    private static final int ROW_HEIGHT = 30;

    private static final String CSS = """
            :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212121; }
            body { margin: 0 auto; max-width: 1200px; padding: 24px; }
            h1 { margin: 0 0 4px; font-size: 26px; } h2 { margin: 32px 0 12px; font-size: 20px; }
            .meta, .note { color: #616161; font-size: 13px; }
            .tiles { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
            .tile { border: 1px solid #e0e0e0; border-radius: 6px; padding: 10px 14px; min-width: 110px; }
            .tile b { display: block; font-size: 22px; } .tile span { color: #616161; font-size: 12px; }
            .charts { display: flex; flex-wrap: wrap; gap: 32px; }
            figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 6px; }
            svg text { font-size: 13px; fill: #212121; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            th, td { border-bottom: 1px solid #eeeeee; padding: 6px 8px; text-align: left; vertical-align: top; }
            th { background: #fafafa; } td.num, th.num { text-align: right; }
            .badge { border-radius: 4px; padding: 1px 6px; font-size: 12px; white-space: nowrap; color: #fff; }
            .ACCEPTED { background: #2e7d32; } .REJECTED_CAPTCHA { background: #c62828; }
            .REJECTED_OTHER { background: #ef6c00; } .UNKNOWN { background: #757575; }
            details summary { cursor: pointer; } code { font-size: 12px; word-break: break-all; }
            ul.evidence { margin: 4px 0 0; padding-left: 18px; }
            """;

    private VerdictReportHtml() {
    }

    static String render(VerdictReport.Snapshot s) {
        return render(s, Map.of());
    }

    /** The page, with a "Solving" section when {@code solving} has figures. */
    static String render(VerdictReport.Snapshot s, Map<String, SolveFigures> solving) {
        StringBuilder h = new StringBuilder(16_384 + s.verdicts().size() * 600);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>captcha-feedback verdict report</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        VerdictReport.Counts t = s.total();
        h.append("<header>\n<h1>Verdict report</h1>\n<p class=\"meta\">captcha-feedback · generated ")
                .append(esc(time(s.generatedAt()))).append(" · ").append(t.verdicts()).append(" verdicts")
                .append(s.omitted() > 0 ? " (details of the oldest " + s.omitted() + " omitted)" : "").append("</p>\n");
        h.append("<div class=\"tiles\">\n");
        tile(h, "verdicts", Long.toString(t.verdicts()));
        tile(h, "acceptance rate", rate(t));
        tile(h, "accepted", Long.toString(t.accepted()));
        tile(h, "rejected (captcha)", Long.toString(t.rejectedCaptcha()));
        tile(h, "rejected (other reason)", Long.toString(t.rejectedOther()));
        tile(h, "unknown", Long.toString(t.unknown()));
        tile(h, "feedback delivered", Long.toString(t.delivered()));
        tile(h, "refused / expired", t.count(DeliveryStatus.REFUSED) + " / " + t.count(DeliveryStatus.EXPIRED));
        tile(h, "kept in outbox", Long.toString(t.count(DeliveryStatus.KEPT)));
        tile(h, "held / uncertain", t.count(DeliveryStatus.HELD) + " / " + t.count(DeliveryStatus.UNCERTAIN));
        tile(h, "delivery p50 / p99", ms(t.latencyP50()) + " / " + ms(t.latencyP99()));
        h.append("</div>\n</header>\n");

        h.append("<section id=\"acceptance\">\n<h2>Acceptance rate</h2>\n<div class=\"charts\">\n");
        chart(h, "acceptance-by-provider", "per provider", s.byProvider());
        chart(h, "acceptance-by-site", "per site", s.bySite());
        h.append("</div>\n<p class=\"note\">accepted ÷ (accepted + rejected captcha). Rejections for another reason "
                + "(wrong password, blocked account...) and unknown outcomes do not count against a provider and send "
                + "no feedback.</p>\n</section>\n");

        h.append("<section id=\"delivery\">\n<h2>Feedback delivery</h2>\n");
        deliveryTable(h, "provider", s.byProvider());
        h.append("<h3>Per site</h3>\n");
        deliveryTable(h, "site", s.bySite());
        h.append("</section>\n");

        if (!solving.isEmpty()) {
            solvingTable(h, solving);
        }

        h.append("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n");
        if (s.verdicts().isEmpty()) {
            h.append("<p class=\"note\">No verdict was recorded.</p>\n");
        } else {
            h.append("<table>\n<thead><tr><th>decided</th><th>site</th><th>provider</th><th>captcha</th><th>task</th>"
                    + "<th>verdict</th><th>rule</th><th>feedback</th><th>provider's answer</th><th>evidence</th></tr></thead>\n<tbody>\n");
            for (VerdictReport.Entry e : s.verdicts()) {
                verdictRow(h, e);
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void tile(StringBuilder h, String label, String value) {
        h.append("<div class=\"tile\"><b>").append(esc(value)).append("</b><span>").append(esc(label)).append("</span></div>\n");
    }

    /** A horizontal bar per group: the accepted share in green, the rejected share in red. */
    private static void chart(StringBuilder h, String id, String caption, Map<String, VerdictReport.Counts> groups) {
        int rows = Math.max(1, groups.size());
        int width = LABEL_WIDTH + BAR_WIDTH + 150;
        int height = rows * ROW_HEIGHT + 24;
        h.append("<figure>\n<figcaption>").append(esc(caption)).append("</figcaption>\n")
                .append("<svg id=\"").append(id).append("\" role=\"img\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n<title>Acceptance rate ").append(esc(caption)).append("</title>\n");
        if (groups.isEmpty()) {
            h.append("<text x=\"0\" y=\"20\">no verdicts</text>\n");
        }
        int y = 4;
        for (Map.Entry<String, VerdictReport.Counts> g : groups.entrySet()) {
            VerdictReport.Counts c = g.getValue();
            long judged = c.accepted() + c.rejectedCaptcha();
            double acceptedWidth = judged == 0 ? 0 : BAR_WIDTH * (double) c.accepted() / judged;
            h.append("<g class=\"row\" data-key=\"").append(esc(g.getKey())).append("\">")
                    .append("<text x=\"0\" y=\"").append(y + 16).append("\">").append(esc(shorten(g.getKey(), 26))).append("</text>")
                    .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"").append(BAR_WIDTH)
                    .append("\" height=\"22\" fill=\"").append(TRACK_COLOUR).append("\"/>");
            if (judged > 0) {
                h.append("<rect class=\"accepted\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
                        .append("\" width=\"").append(fmt(acceptedWidth)).append("\" height=\"22\" fill=\"")
                        .append(ACCEPTED_COLOUR).append("\"/>")
                        .append("<rect class=\"rejected\" x=\"").append(fmt(LABEL_WIDTH + acceptedWidth)).append("\" y=\"").append(y)
                        .append("\" width=\"").append(fmt(BAR_WIDTH - acceptedWidth)).append("\" height=\"22\" fill=\"")
                        .append(REJECTED_COLOUR).append("\"/>");
            }
            h.append("<text x=\"").append(LABEL_WIDTH + BAR_WIDTH + 8).append("\" y=\"").append(y + 16).append("\">")
                    .append(judged == 0 ? "no captcha verdict" : esc(rate(c)) + " (" + c.accepted() + "/" + judged + ")")
                    .append("</text></g>\n");
            y += ROW_HEIGHT;
        }
        for (int pct = 0; pct <= 100; pct += 50) {
            int x = LABEL_WIDTH + BAR_WIDTH * pct / 100;
            h.append("<text x=\"").append(x).append("\" y=\"").append(height - 4).append("\" text-anchor=\"middle\">")
                    .append(pct).append("%</text>\n");
        }
        h.append("</svg>\n</figure>\n");
    }

    private static void solvingTable(StringBuilder h, Map<String, SolveFigures> solving) {
        h.append("<section id=\"solving\">\n<h2>Solving</h2>\n<table>\n<thead><tr><th>provider</th>")
                .append("<th class=\"num\">attempts</th><th class=\"num\">solved</th><th>failures</th>")
                .append("<th class=\"num\">average solve time</th><th class=\"num\">longest</th>")
                .append("<th class=\"num\">accepted</th><th class=\"num\">rejected captcha</th>")
                .append("<th class=\"num\">average solve time of accepted</th></tr></thead>\n<tbody>\n");
        solving.forEach((provider, f) -> h.append("<tr><td>").append(esc(provider)).append("</td><td class=\"num\">")
                .append(f.attempts()).append("</td><td class=\"num\">").append(f.solved()).append("</td><td>")
                .append(esc(f.failures().isEmpty() ? "none" : new java.util.TreeMap<>(f.failures()).toString()))
                .append("</td><td class=\"num\">").append(ms(f.averageSolveTime())).append("</td><td class=\"num\">")
                .append(ms(f.maxSolveTime())).append("</td><td class=\"num\">").append(f.accepted())
                .append("</td><td class=\"num\">").append(f.rejectedCaptcha()).append("</td><td class=\"num\">")
                .append(ms(f.averageSolveTimeAccepted())).append("</td></tr>\n"));
        h.append("</tbody>\n</table>\n<p class=\"note\">Solve times as the providers state them (endTime - createTime)"
                + " where they do, else from createTask to the answering poll.</p>\n</section>\n");
    }

    private static void deliveryTable(StringBuilder h, String name, Map<String, VerdictReport.Counts> groups) {
        h.append("<table>\n<thead><tr><th>").append(name).append("</th>")
                .append("<th class=\"num\">verdicts</th><th class=\"num\">accepted</th><th class=\"num\">rejected captcha</th>")
                .append("<th class=\"num\">rejected other</th><th class=\"num\">unknown</th><th class=\"num\">delivered</th>")
                .append("<th class=\"num\">already recorded</th><th class=\"num\">refused</th><th class=\"num\">expired</th>")
                .append("<th class=\"num\">not sent</th><th class=\"num\">suppressed</th><th class=\"num\">held</th>")
                .append("<th class=\"num\">uncertain</th><th class=\"num\">kept</th>")
                .append("<th class=\"num\">pending</th><th class=\"num\">p50</th><th class=\"num\">p99</th></tr></thead>\n<tbody>\n");
        groups.forEach((key, c) -> {
            long notSent = c.count(DeliveryStatus.SKIPPED) + c.count(DeliveryStatus.DUPLICATE) + c.count(DeliveryStatus.DRY_RUN);
            h.append("<tr><td>").append(esc(key)).append("</td>");
            for (long n : new long[] {c.verdicts(), c.accepted(), c.rejectedCaptcha(), c.rejectedOther(), c.unknown(),
                    c.count(DeliveryStatus.DELIVERED), c.count(DeliveryStatus.ALREADY_RECORDED), c.count(DeliveryStatus.REFUSED),
                    c.count(DeliveryStatus.EXPIRED), notSent, c.count(DeliveryStatus.SUPPRESSED), c.count(DeliveryStatus.HELD),
                    c.count(DeliveryStatus.UNCERTAIN), c.count(DeliveryStatus.KEPT),
                    c.pending()}) {
                h.append("<td class=\"num\">").append(n).append("</td>");
            }
            h.append("<td class=\"num\">").append(ms(c.latencyP50())).append("</td><td class=\"num\">")
                    .append(ms(c.latencyP99())).append("</td></tr>\n");
        });
        h.append("</tbody>\n</table>\n");
    }

    private static void verdictRow(StringBuilder h, VerdictReport.Entry e) {
        Outcome o = e.outcome();
        String feedback = !o.sendsFeedback() ? "none"
                : (o == Outcome.ACCEPTED ? "positive" : "negative") + (e.feedbackCode() == null ? "" : " (" + e.feedbackCode() + ")");
        String answer = e.delivery() == null ? "pending"
                : e.delivery().status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + e.delivery().answer();
        h.append("<tr><td>").append(esc(time(e.decidedAt()))).append("</td>")
                .append("<td>").append(e.pageUrl() == null ? esc(e.site()) : "<code>" + esc(e.pageUrl()) + "</code>").append("</td>")
                .append("<td>").append(esc(e.provider())).append("</td>")
                .append("<td>").append(esc(e.type().name())).append("</td>")
                .append("<td><code>").append(esc(e.taskId())).append("</code></td>")
                .append("<td><span class=\"badge ").append(o.name()).append("\">").append(o.name()).append("</span></td>")
                .append("<td>").append(esc(e.rule())).append("</td>")
                .append("<td>").append(esc(feedback)).append("</td>")
                .append("<td>").append(esc(answer)).append("</td><td>");
        if (e.evidence().isEmpty()) {
            h.append("—");
        } else {
            h.append("<details><summary>").append(e.evidence().size()).append(e.evidence().size() == 1 ? " observation" : " observations")
                    .append("</summary><ul class=\"evidence\">");
            for (Evidence.Observation ob : e.evidence()) {
                h.append("<li><b>").append(esc(ob.source())).append("</b> <code>").append(esc(ob.value())).append("</code></li>");
            }
            h.append("</ul></details>");
        }
        h.append("</td></tr>\n");
    }

    private static String time(java.time.Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString().replace('T', ' ');
    }

    private static String rate(VerdictReport.Counts c) {
        return c.acceptanceRate().isPresent() ? Math.round(c.acceptanceRate().getAsDouble() * 1000) / 10.0 + "%" : "–";
    }

    private static String ms(Duration d) {
        return d.isZero() ? "–" : String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Escapes text for HTML element content and quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
