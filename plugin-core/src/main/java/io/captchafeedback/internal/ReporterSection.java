package io.captchafeedback.internal;

import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.RetryPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the {@code reporter} section of a configuration file into a reporter builder; every bad value
 * is a located {@link io.captchafeedback.config.ConfigException}.
 *
 * <pre>{@code
 * reporter:
 *   outbox: build/feedback-outbox   # default ~/.captcha-feedback/outbox
 *   groupCommit: 5ms                # 0ms forces every record to disk on its own
 *   closeTimeout: 10s
 *   dryRun: false
 *   maxConcurrency: 64
 *   retry: { initialBackoff: 200ms, maxBackoff: 30s, jitter: 0.2, maxDuration: 24h }
 *   breaker: { enabled: true, window: 10m, minimumReports: 20, rejectionThreshold: 0.8, pause: 15m }
 *   verdictReport: build/captcha-feedback   # JSON + HTML verdict report written on close; default none
 * }</pre>
 */
public final class ReporterSection {
    private static final List<String> KEYS =
            List.of("outbox", "groupCommit", "closeTimeout", "dryRun", "maxConcurrency", "retry", "breaker", "verdictReport");
    private static final List<String> RETRY_KEYS = List.of("initialBackoff", "maxBackoff", "jitter", "maxDuration");
    private static final List<String> BREAKER_KEYS =
            List.of("enabled", "window", "minimumReports", "rejectionThreshold", "pause");

    private ReporterSection() {
    }

    public static void apply(ConfigNode node, FeedbackReporter.Builder builder) {
        node.checkKeys(KEYS);
        node.optional("outbox").ifPresent(n -> builder.outbox(Path.of(n.asString())));
        node.optional("groupCommit").ifPresent(n -> builder.groupCommit(n.asDuration()));
        node.optional("closeTimeout").ifPresent(n -> builder.closeTimeout(positive(n)));
        node.optional("dryRun").ifPresent(n -> builder.dryRun(n.asBoolean()));
        node.optional("maxConcurrency").ifPresent(n -> builder.maxConcurrency(n.asInt(1, 10_000)));
        node.optional("retry").ifPresent(n -> builder.retry(retry(n)));
        node.optional("breaker").ifPresent(n -> builder.breaker(breaker(n)));
        node.optional("verdictReport").ifPresent(n -> builder.verdictReport(Path.of(n.asString())));
    }

    private static RetryPolicy retry(ConfigNode node) {
        node.checkKeys(RETRY_KEYS);
        RetryPolicy defaults = RetryPolicy.defaults();
        RetryPolicy.Builder b = RetryPolicy.builder();
        if (node.has("initialBackoff") || node.has("maxBackoff")) {
            b.withBackoff(node.optional("initialBackoff").map(ReporterSection::positive).orElse(defaults.initialDelay()),
                    node.optional("maxBackoff").map(ReporterSection::positive).orElse(defaults.maxDelay()));
        }
        node.optional("jitter").ifPresent(n -> b.withJitter(n.asDouble(0, 1)));
        node.optional("maxDuration").ifPresent(n -> b.withMaxDuration(positive(n)));
        return build(node, b::build);
    }

    private static BreakerPolicy breaker(ConfigNode node) {
        node.checkKeys(BREAKER_KEYS);
        if (node.has("enabled") && !node.required("enabled").asBoolean()) {
            return BreakerPolicy.disabled();
        }
        BreakerPolicy.Builder b = BreakerPolicy.builder();
        node.optional("window").ifPresent(n -> b.withWindow(positive(n)));
        node.optional("minimumReports").ifPresent(n -> b.withMinimumReports(n.asInt(1, 1_000_000)));
        node.optional("rejectionThreshold").ifPresent(n -> b.withRejectionThreshold(n.asDouble(0, 1)));
        node.optional("pause").ifPresent(n -> b.withPause(positive(n)));
        return build(node, b::build);
    }

    private static java.time.Duration positive(ConfigNode n) {
        java.time.Duration d = n.asDuration();
        if (d.isZero() || d.isNegative()) {
            throw n.error("expected a positive duration, got " + n.describe());
        }
        return d;
    }

    private static <T> T build(ConfigNode node, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw node.error(e.getMessage());
        }
    }
}
