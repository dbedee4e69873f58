package io.captchafeedback.verdictreport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.solve.SolveFigures;
import io.captchafeedback.task.Evidence;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link VerdictReport.Snapshot} as JSON. The layout ({@code "format": "captcha-feedback/verdict-report/1"}):
 * {@code generatedAt}, {@code totals}, {@code providers[]}, {@code sites[]} (each with the counts),
 * {@code verdicts[]}, {@code verdictsOmitted} and, when solve figures are attached, {@code solving[]}. Times are ISO-8601, latencies in milliseconds.
 */
final class VerdictReportJson {
    static final String FORMAT = "captcha-feedback/verdict-report/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VerdictReportJson() {
    }

    static String render(VerdictReport.Snapshot s) {
        return render(s, Map.of());
    }

    /** The report, with {@code solving[]} (per provider: solve figures and verdicts about its tokens) when not empty. */
    static String render(VerdictReport.Snapshot s, Map<String, SolveFigures> solving) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("generatedAt", s.generatedAt().toString());
        counts(root.putObject("totals"), s.total());
        groups(root.putArray("providers"), "provider", s.byProvider());
        groups(root.putArray("sites"), "site", s.bySite());
        ArrayNode verdicts = root.putArray("verdicts");
        for (VerdictReport.Entry e : s.verdicts()) {
            ObjectNode v = verdicts.addObject();
            v.put("provider", e.provider());
            v.put("taskId", e.taskId());
            v.put("captchaType", e.type().name());
            v.put("site", e.site());
            v.put("pageUrl", e.pageUrl());
            v.put("outcome", e.outcome().name());
            v.put("rule", e.rule());
            v.put("feedbackCode", e.feedbackCode());
            v.put("decidedAt", e.decidedAt().toString());
            ArrayNode evidence = v.putArray("evidence");
            for (Evidence.Observation o : e.evidence()) {
                evidence.addObject().put("source", o.source()).put("value", o.value()).put("at", o.at().toString());
            }
            if (e.delivery() == null) {
                v.putNull("delivery");
            } else {
                v.putObject("delivery")
                        .put("status", e.delivery().status().name())
                        .put("answer", e.delivery().answer())
                        .put("attempts", e.delivery().attempts())
                        .put("latencyMillis", millis(e.delivery().latency()));
            }
        }
        root.put("verdictsOmitted", s.omitted());
        if (!solving.isEmpty()) {
            ArrayNode array = root.putArray("solving");
            solving.forEach((provider, f) -> {
                ObjectNode n = array.addObject();
                n.put("provider", provider);
                n.put("attempts", f.attempts());
                n.put("solved", f.solved());
                ObjectNode failures = n.putObject("failures");
                new java.util.TreeMap<>(f.failures()).forEach(failures::put);
                n.put("averageSolveTimeMillis", millis(f.averageSolveTime()));
                n.put("maxSolveTimeMillis", millis(f.maxSolveTime()));
                n.put("accepted", f.accepted());
                n.put("rejectedCaptcha", f.rejectedCaptcha());
                n.put("averageSolveTimeAcceptedMillis", millis(f.averageSolveTimeAccepted()));
            });
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the verdict report as JSON", e);
        }
    }

    private static void groups(ArrayNode array, String name, Map<String, VerdictReport.Counts> groups) {
        groups.forEach((key, counts) -> {
            ObjectNode group = array.addObject();
            group.put(name, key);
            counts(group, counts);
        });
    }

    private static void counts(ObjectNode node, VerdictReport.Counts c) {
        node.put("verdicts", c.verdicts());
        node.put("accepted", c.accepted());
        node.put("rejectedCaptcha", c.rejectedCaptcha());
        node.put("rejectedOther", c.rejectedOther());
        node.put("unknown", c.unknown());
        if (c.acceptanceRate().isPresent()) {
            node.put("acceptanceRate", c.acceptanceRate().getAsDouble());
        } else {
            node.putNull("acceptanceRate");
        }
        ObjectNode deliveries = node.putObject("deliveries");
        for (DeliveryStatus status : DeliveryStatus.values()) {
            deliveries.put(status.name().toLowerCase(Locale.ROOT), c.count(status));
        }
        deliveries.put("pending", c.pending());
        node.put("latencyP50Millis", millis(c.latencyP50()));
        node.put("latencyP99Millis", millis(c.latencyP99()));
    }

    private static double millis(java.time.Duration d) {
        return Math.round(d.toNanos() / 1_000.0) / 1_000.0;
    }
}
