package io.captchafeedback.config;

import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.CommitMode;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads the {@code reporter} section of a configuration file into a reporter builder; every bad value
 * is a located {@link io.captchafeedback.config.ConfigException} saying what was expected. Applying it
 * to a fresh builder has no side effect, so the configuration checks the section when it is loaded.
 *
 * <pre>{@code
 * reporter:
 *   outbox: build/feedback-outbox   # default ~/.captcha-feedback/outbox; or a fleet's shared outbox:
 *   # outbox: jdbc:postgresql://db:5432/app   (needs the postgres-outbox module)
 *   # outboxUser: ${PGUSER}
 *   # outboxPassword: ${PGPASSWORD}            (never stored, never logged)
 *   # outboxPoolSize: 4
 *   groupCommit: 5ms                # 0ms to 1s; 0ms forces as soon as the previous force is done
 *   commitMode: group               # group (report() returns at once) or sync (after the record is on disk)
 *   closeTimeout: 10s               # 0s to 1d
 *   dryRun: false
 *   maxConcurrency: 64
 *   retry: { initialBackoff: 500ms, maxBackoff: 1m, jitter: 0.25, maxDuration: 24h }   # the defaults
 *   breaker: { enabled: true, window: 5m, minimumReports: 20, rejectionThreshold: 0.8, pause: 10m }  # the defaults
 *   verdictReport: build/captcha-feedback   # JSON + HTML verdict report written on close; default none
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ReporterSection {
    private static final List<String> KEYS = List.of("outbox", "outboxUser", "outboxPassword", "outboxPoolSize", "groupCommit", "commitMode", "closeTimeout", "dryRun",
            "maxConcurrency", "retry", "breaker", "verdictReport");
    private static final List<String> RETRY_KEYS = List.of("initialBackoff", "maxBackoff", "jitter", "maxDuration");
    private static final List<String> BREAKER_KEYS =
            List.of("enabled", "window", "minimumReports", "rejectionThreshold", "pause");
    private static final Duration MAX_GROUP_COMMIT = FeedbackReporter.MAX_GROUP_COMMIT;
    private static final Duration MAX_CLOSE_TIMEOUT = FeedbackReporter.MAX_CLOSE_TIMEOUT;

    private ReporterSection() {
    }

    public static void apply(ConfigNode node, FeedbackReporter.Builder builder) {
        if (!node.isObject()) {
            throw node.error("expected a mapping with the keys " + String.join(", ", KEYS) + ", got " + node.describe());
        }
        node.checkKeys(KEYS);
        node.optional("outbox").ifPresent(n -> {
            if (n.isScalar() && n.asString().startsWith("jdbc:")) {
                builder.outbox(n.asString(), node.optional("outboxUser").map(ConfigNode::asString).orElse(null),
                        node.optional("outboxPassword").map(ConfigNode::asString).orElse(null),
                        node.optional("outboxPoolSize").map(p -> p.asInt(1, 1_000))
                                .orElse(FeedbackReporter.DEFAULT_OUTBOX_POOL_SIZE));
            } else {
                builder.outbox(directory(n));
            }
        });
        for (String key : List.of("outboxUser", "outboxPassword", "outboxPoolSize")) {
            if (node.has(key) && !node.optional("outbox").map(n -> n.isScalar() && n.asString().startsWith("jdbc:"))
                    .orElse(false)) {
                throw node.required(key).error(key + " is only for a shared outbox (outbox: jdbc:postgresql://...)");
            }
        }
        node.optional("groupCommit").ifPresent(n -> builder.groupCommit(duration(n, false, MAX_GROUP_COMMIT, "1s")));
        node.optional("commitMode").ifPresent(n ->
                builder.commitMode(CommitMode.valueOf(n.asChoice(List.of("group", "sync")).toUpperCase(Locale.ROOT))));
        node.optional("closeTimeout").ifPresent(n -> builder.closeTimeout(duration(n, true, MAX_CLOSE_TIMEOUT, "1d")));
        node.optional("dryRun").ifPresent(n -> builder.dryRun(n.asBoolean()));
        node.optional("maxConcurrency").ifPresent(n -> builder.maxConcurrency(n.asInt(1, 10_000)));
        node.optional("retry").ifPresent(n -> builder.retry(retry(n)));
        node.optional("breaker").ifPresent(n -> builder.breaker(breaker(n)));
        node.optional("verdictReport").ifPresent(n -> builder.verdictReport(path(n)));
    }

    private static RetryPolicy retry(ConfigNode node) {
        node.checkKeys(RETRY_KEYS);
        RetryPolicy defaults = RetryPolicy.defaults();
        RetryPolicy.Builder b = RetryPolicy.builder();
        if (node.has("initialBackoff") || node.has("maxBackoff")) {
            Duration initial = node.optional("initialBackoff").map(ReporterSection::positive).orElse(defaults.initialDelay());
            Duration max = node.optional("maxBackoff").map(ReporterSection::positive).orElse(defaults.maxDelay());
            if (max.compareTo(initial) < 0) {
                throw node.error("maxBackoff " + written(node, "maxBackoff", max) + " is shorter than initialBackoff "
                        + written(node, "initialBackoff", initial) + "; expected maxBackoff >= initialBackoff");
            }
            b.withBackoff(initial, max);
        }
        node.optional("jitter").ifPresent(n -> b.withJitter(n.asDouble(0, 1)));
        node.optional("maxDuration").ifPresent(n -> b.withMaxDuration(positive(n)));
        return build(node, b::build);
    }

    /** How the user wrote a duration (the default's ISO form when not written). */
    private static String written(ConfigNode node, String key, Duration value) {
        return node.optional(key).map(ConfigNode::asText).orElse(value.toString());
    }

    private static BreakerPolicy breaker(ConfigNode node) {
        node.checkKeys(BREAKER_KEYS);
        if (node.has("enabled") && !node.required("enabled").asBoolean()) {
            return BreakerPolicy.disabled();
        }
        BreakerPolicy.Builder b = BreakerPolicy.builder();
        node.optional("window").ifPresent(n -> b.withWindow(positive(n)));
        node.optional("minimumReports").ifPresent(n -> b.withMinimumReports(n.asInt(1, 1_000_000)));
        node.optional("rejectionThreshold").ifPresent(n -> {
            double share = n.asDouble(0, 1);
            if (share <= 0) {
                throw n.error("expected a share above 0 and at most 1 (such as 0.8), got " + n.describe());
            }
            b.withRejectionThreshold(share);
        });
        node.optional("pause").ifPresent(n -> b.withPause(positive(n)));
        return build(node, b::build);
    }

    private static Duration positive(ConfigNode n) {
        return duration(n, true, null, null);
    }

    /** A duration: positive, or zero allowed too; at most {@code max} when given. */
    private static Duration duration(ConfigNode n, boolean positive, Duration max, String maxText) {
        Duration d = n.asDuration();
        if (d.isNegative() || (positive && d.isZero())) {
            throw n.error((positive ? "expected a positive duration such as 10s, 500ms or 2m"
                    : "expected a duration of 0ms or more such as 5ms") + ", got " + n.describe());
        }
        if (max != null && d.compareTo(max) > 0) {
            throw n.error("expected a duration of at most " + maxText + ", got " + n.describe());
        }
        return d;
    }

    private static Path path(ConfigNode n) {
        try {
            return Path.of(n.asString());
        } catch (InvalidPathException e) {
            throw n.error("expected a file path, got " + n.describe() + " (" + e.getReason() + ")");
        }
    }

    private static Path directory(ConfigNode n) {
        Path dir = path(n);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw n.error(n.describe() + " is a file; expected a directory for the outbox (created if missing)");
        }
        return dir;
    }

    private static <T> T build(ConfigNode node, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw node.error(e.getMessage());
        }
    }
}
