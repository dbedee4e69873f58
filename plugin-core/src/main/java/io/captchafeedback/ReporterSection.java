package io.captchafeedback;


import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.CommitMode;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@code reporter} section of a configuration file, read and checked once when the configuration is
 * loaded ({@link #parse}); every bad value is a located {@link io.captchafeedback.config.ConfigException}
 * saying what was expected. {@link #applyTo} sets it on a reporter builder. The keys, their types,
 * defaults and examples are listed in {@code docs/configuration.md}.
 *
 * <!-- java: not compiled (YAML) -->
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
 * <p>Immutable and thread-safe.
 */
final class ReporterSection {
    private static final List<String> KEYS = List.of("outbox", "outboxUser", "outboxPassword", "outboxPoolSize", "groupCommit", "commitMode", "closeTimeout", "dryRun",
            "maxConcurrency", "retry", "breaker", "verdictReport");
    private static final List<String> RETRY_KEYS = List.of("initialBackoff", "maxBackoff", "jitter", "maxDuration");
    private static final List<String> BREAKER_KEYS =
            List.of("enabled", "window", "minimumReports", "rejectionThreshold", "pause");
    private static final Duration MAX_GROUP_COMMIT = FeedbackReporter.MAX_GROUP_COMMIT;
    private static final Duration MAX_CLOSE_TIMEOUT = FeedbackReporter.MAX_CLOSE_TIMEOUT;

    private final List<Consumer<FeedbackReporter.Builder>> settings;

    private ReporterSection(List<Consumer<FeedbackReporter.Builder>> settings) {
        this.settings = List.copyOf(settings);
    }

    /**
     * Every key the section takes, nested ones as {@code retry.jitter}: what docs/configuration.md must list
     * (a test checks it).
     */
    public static List<String> keys() {
        List<String> all = new ArrayList<>(KEYS);
        RETRY_KEYS.forEach(k -> all.add("retry." + k));
        BREAKER_KEYS.forEach(k -> all.add("breaker." + k));
        return List.copyOf(all);
    }

    /** No {@code reporter} section: applying it changes nothing. */
    public static ReporterSection none() {
        return new ReporterSection(List.of());
    }

    /**
     * Reads and checks the section once; {@link #applyTo} then sets what it says on any number of builders.
     *
     * @throws io.captchafeedback.config.ConfigException at the bad keys and values: every one found
     *     ({@link ConfigException#problems()})
     */
    public static ReporterSection parse(ConfigNode node) {
        List<Consumer<FeedbackReporter.Builder>> steps = new ArrayList<>();
        List<ConfigException> problems = new ArrayList<>();
        read(node, steps, problems);
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        ReporterSection section = new ReporterSection(steps);
        try {
            section.applyTo(FeedbackReporter.builder()); // what the builder's setters check (a fresh builder opens nothing)
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw node.error(e.getMessage());
        }
        return section;
    }

    /** Sets every setting of the section on {@code builder}, in the order written. */
    public void applyTo(FeedbackReporter.Builder builder) {
        Objects.requireNonNull(builder, "builder == null");
        settings.forEach(s -> s.accept(builder));
    }

    /** Reads every key on its own: a bad one is added to {@code problems} and the next is read. */
    private static void read(ConfigNode node, List<Consumer<FeedbackReporter.Builder>> builder,
            List<ConfigException> problems) {
        if (!node.isObject()) {
            problems.add(node.error("expected a mapping with the keys " + String.join(", ", KEYS) + ", got " + node.describe()));
            return;
        }
        ConfigException.collect(problems, () -> node.checkKeys(KEYS));
        boolean shared = node.optional("outbox").map(n -> n.kind() == ConfigNode.Kind.STRING && n.asString().startsWith("jdbc:"))
                .orElse(false);
        ConfigException.collect(problems, () -> node.optional("outbox").ifPresent(n -> {
            if (shared) {
                String url = n.asString();
                List<ConfigException> pool = new ArrayList<>();
                String user = text(node, "outboxUser", pool);
                String password = text(node, "outboxPassword", pool);
                int[] size = {FeedbackReporter.DEFAULT_OUTBOX_POOL_SIZE};
                ConfigException.collect(pool, () -> node.optional("outboxPoolSize").ifPresent(p -> size[0] = p.asInt(1, 1_000)));
                fail(pool);
                builder.add(b -> b.outbox(url, user, password, size[0]));
            } else {
                Path dir = directory(n);
                builder.add(b -> b.outbox(dir));
            }
        }));
        for (String key : List.of("outboxUser", "outboxPassword", "outboxPoolSize")) {
            if (node.has(key) && !shared) {
                problems.add(node.required(key).error(key + " is only for a shared outbox (outbox: jdbc:postgresql://...)"));
            }
        }
        ConfigException.collect(problems, () -> node.optional("groupCommit").map(n -> duration(n, false, MAX_GROUP_COMMIT, "1s"))
                .ifPresent(d -> builder.add(b -> b.groupCommit(d))));
        ConfigException.collect(problems, () -> node.optional("commitMode")
                .map(n -> CommitMode.valueOf(n.asChoice(List.of("group", "sync")).toUpperCase(Locale.ROOT)))
                .ifPresent(m -> builder.add(b -> b.commitMode(m))));
        ConfigException.collect(problems, () -> node.optional("closeTimeout").map(n -> duration(n, true, MAX_CLOSE_TIMEOUT, "1d"))
                .ifPresent(d -> builder.add(b -> b.closeTimeout(d))));
        ConfigException.collect(problems, () -> node.optional("dryRun").map(ConfigNode::asBoolean)
                .ifPresent(v -> builder.add(b -> b.dryRun(v))));
        ConfigException.collect(problems, () -> node.optional("maxConcurrency").map(n -> n.asInt(1, 10_000))
                .ifPresent(v -> builder.add(b -> b.maxConcurrency(v))));
        ConfigException.collect(problems, () -> node.optional("retry").map(ReporterSection::retry)
                .ifPresent(r -> builder.add(b -> b.retry(r))));
        ConfigException.collect(problems, () -> node.optional("breaker").map(ReporterSection::breaker)
                .ifPresent(r -> builder.add(b -> b.breaker(r))));
        ConfigException.collect(problems, () -> node.optional("verdictReport").map(ReporterSection::path)
                .ifPresent(p -> builder.add(b -> b.verdictReport(p))));
    }

    /** The text of an optional key, or {@code null} when absent or bad (then added to {@code problems}). */
    private static String text(ConfigNode node, String key, List<ConfigException> problems) {
        String[] value = {null};
        ConfigException.collect(problems, () -> value[0] = node.optional(key).map(ConfigNode::asString).orElse(null));
        return value[0];
    }

    /** Fails with every problem in {@code problems}, if any. */
    private static void fail(List<ConfigException> problems) {
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
    }

    private static RetryPolicy retry(ConfigNode node) {
        List<ConfigException> problems = new ArrayList<>();
        ConfigException.collect(problems, () -> node.checkKeys(RETRY_KEYS));
        RetryPolicy defaults = RetryPolicy.defaults();
        RetryPolicy.Builder b = RetryPolicy.builder();
        if (node.has("initialBackoff") || node.has("maxBackoff")) {
            Duration[] initial = {defaults.initialDelay()};
            Duration[] max = {defaults.maxDelay()};
            boolean read = ConfigException.collect(problems, () -> node.optional("initialBackoff")
                    .ifPresent(n -> initial[0] = positive(n)))
                    & ConfigException.collect(problems, () -> node.optional("maxBackoff").ifPresent(n -> max[0] = positive(n)));
            if (read && max[0].compareTo(initial[0]) < 0) {
                problems.add(node.error("maxBackoff " + written(node, "maxBackoff", max[0]) + " is shorter than initialBackoff "
                        + written(node, "initialBackoff", initial[0]) + "; expected maxBackoff >= initialBackoff"));
            } else if (read) {
                b.withBackoff(initial[0], max[0]);
            }
        }
        ConfigException.collect(problems, () -> node.optional("jitter").ifPresent(n -> b.withJitter(n.asDouble(0, 1))));
        ConfigException.collect(problems, () -> node.optional("maxDuration").ifPresent(n -> b.withMaxDuration(positive(n))));
        fail(problems);
        return build(node, b::build);
    }

    /** How the user wrote a duration (the default's ISO form when not written). */
    private static String written(ConfigNode node, String key, Duration value) {
        return node.optional(key).map(ConfigNode::asText).orElse(value.toString());
    }

    private static BreakerPolicy breaker(ConfigNode node) {
        List<ConfigException> problems = new ArrayList<>();
        ConfigException.collect(problems, () -> node.checkKeys(BREAKER_KEYS));
        boolean[] disabled = {false};
        ConfigException.collect(problems, () -> disabled[0] = node.has("enabled") && !node.required("enabled").asBoolean());
        if (disabled[0]) {
            fail(problems);
            return BreakerPolicy.disabled(); // the other keys are ignored, as documented
        }
        BreakerPolicy.Builder b = BreakerPolicy.builder();
        ConfigException.collect(problems, () -> node.optional("window").ifPresent(n -> b.withWindow(positive(n))));
        ConfigException.collect(problems, () -> node.optional("minimumReports")
                .ifPresent(n -> b.withMinimumReports(n.asInt(1, 1_000_000))));
        ConfigException.collect(problems, () -> node.optional("rejectionThreshold").ifPresent(n -> {
            double share = n.asDouble(0, 1);
            if (share <= 0) {
                throw n.error("expected a share above 0 and at most 1 (such as 0.8), got " + n.describe());
            }
            b.withRejectionThreshold(share);
        }));
        ConfigException.collect(problems, () -> node.optional("pause").ifPresent(n -> b.withPause(positive(n))));
        fail(problems);
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
