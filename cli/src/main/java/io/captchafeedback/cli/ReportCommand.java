package io.captchafeedback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.report.Delivery;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.verdictreport.VerdictReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report}: renders the HTML page from a verdict-report JSON file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the HTML verdict report from a verdict-report JSON file (format "
                + "captcha-feedback/verdict-report/1). Exit 0 when written, 2 when the JSON cannot be read.")
final class ReportCommand implements Callable<Integer> {

    static final String FORMAT = "captcha-feedback/verdict-report/1";

    @Parameters(index = "0", paramLabel = "JSON", description = "the verdict-report JSON file")
    Path json;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the HTML file (default: next to the JSON, .html)")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (!Files.isRegularFile(json)) {
            throw new CommandLine.ParameterException(cl, json + ": no such file");
        }
        VerdictReport.Snapshot snapshot;
        try {
            snapshot = read(new ObjectMapper().readTree(json.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException(json + ": not JSON: " + Main.message(e));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(json + ": not a verdict report: " + Main.message(e));
        }
        Path out = output != null ? output
                : json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", "") + ".html");
        try {
            Files.writeString(out, VerdictReport.toHtml(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        cl.getOut().println("wrote " + out + " (" + snapshot.verdicts().size() + " verdicts)");
        return Main.OK;
    }

    static VerdictReport.Snapshot read(JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("format: expected '" + FORMAT + "', got '" + root.path("format").asText() + "'");
        }
        List<VerdictReport.Entry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode v : root.path("verdicts")) {
            String at = "verdicts[" + i++ + "]";
            List<Evidence.Observation> evidence = new ArrayList<>();
            for (JsonNode o : v.path("evidence")) {
                evidence.add(new Evidence.Observation(o.path("source").asText(), o.path("value").asText(), instant(o.path("at"), at)));
            }
            JsonNode d = v.path("delivery");
            Delivery delivery = d.isObject() ? new Delivery(DeliveryStatus.valueOf(d.path("status").asText()),
                    d.hasNonNull("answer") ? d.get("answer").asText() : null, d.path("attempts").asInt(),
                    millis(d.path("latencyMillis"))) : null;
            entries.add(new VerdictReport.Entry(v.path("provider").asText(), v.path("taskId").asText(),
                    CaptchaType.valueOf(v.path("captchaType").asText()), v.path("site").asText(),
                    v.hasNonNull("pageUrl") ? v.get("pageUrl").asText() : null, Outcome.valueOf(v.path("outcome").asText()),
                    v.path("rule").asText(), v.hasNonNull("feedbackCode") ? v.get("feedbackCode").asText() : null,
                    evidence, instant(v.path("decidedAt"), at), delivery));
        }
        return new VerdictReport.Snapshot(instant(root.path("generatedAt"), "generatedAt"), counts(root.path("totals")),
                groups(root.path("providers"), "provider"), groups(root.path("sites"), "site"), entries,
                root.path("verdictsOmitted").asLong());
    }

    private static Map<String, VerdictReport.Counts> groups(JsonNode array, String key) {
        Map<String, VerdictReport.Counts> out = new LinkedHashMap<>();
        for (JsonNode g : array) {
            out.put(g.path(key).asText(), counts(g));
        }
        return out;
    }

    private static VerdictReport.Counts counts(JsonNode n) {
        Map<DeliveryStatus, Long> deliveries = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus s : DeliveryStatus.values()) {
            long c = n.path("deliveries").path(s.name().toLowerCase(Locale.ROOT)).asLong(0);
            if (c != 0) {
                deliveries.put(s, c);
            }
        }
        return new VerdictReport.Counts(n.path("verdicts").asLong(), n.path("accepted").asLong(), n.path("rejectedCaptcha").asLong(),
                n.path("rejectedOther").asLong(), n.path("unknown").asLong(), deliveries,
                n.path("deliveries").path("pending").asLong(), millis(n.path("latencyP50Millis")), millis(n.path("latencyP99Millis")));
    }

    private static Duration millis(JsonNode n) {
        return Duration.ofNanos(Math.round(n.asDouble(0) * 1_000_000));
    }

    private static Instant instant(JsonNode n, String at) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException(at + ": expected a time");
        }
        return Instant.parse(n.asText());
    }
}
