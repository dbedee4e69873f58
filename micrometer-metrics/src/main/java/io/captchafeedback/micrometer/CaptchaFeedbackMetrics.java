package io.captchafeedback.micrometer;

import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.FeedbackResult;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters for a {@link FeedbackReporter}, fed by its listener:
 * <ul>
 *   <li>{@value #VERDICTS} (counter; tags {@code outcome}, {@code provider}, {@code site}): every reported verdict;</li>
 *   <li>{@value #FEEDBACK} (counter; tags {@code result} = delivered, refused, expired, held, uncertain, skipped,
 *       retried; {@code provider}, {@code site});</li>
 *   <li>{@value #LATENCY} (timer; tag {@code provider}): {@code report()} to the provider's answer, delivered ones;</li>
 *   <li>{@value #DEPTH} (gauge): feedbacks waiting in the outbox (the fleet's with a shared outbox), once
 *       {@link #watch(FeedbackReporter)} was called.</li>
 * </ul>
 * Tag cardinality is bounded: the first {@code maxSites} sites keep their host name, later ones are tagged
 * {@value #OTHER}; providers are the configured ones.
 *
 * <pre>{@code
 * CaptchaFeedbackMetrics metrics = new CaptchaFeedbackMetrics(meterRegistry, 50);
 * FeedbackReporter reporter = FeedbackReporter.builder().registry(providers).listener(metrics).build();
 * metrics.watch(reporter);
 * }</pre>
 *
 * <p>Thread-safe; every listener method only increments meters and never blocks.
 */
public final class CaptchaFeedbackMetrics implements ReportListener {
    /** Verdicts reported. */
    public static final String VERDICTS = "captcha.feedback.verdicts";
    /** Feedback results. */
    public static final String FEEDBACK = "captcha.feedback.results";
    /** Delivery latency. */
    public static final String LATENCY = "captcha.feedback.delivery.latency";
    /** Outbox depth. */
    public static final String DEPTH = "captcha.feedback.outbox.depth";
    /** The site tag of sites beyond the limit. */
    public static final String OTHER = "other";
    /** The default limit of distinct site tags. */
    public static final int DEFAULT_MAX_SITES = 100;

    private final MeterRegistry registry;
    private final int maxSites;
    private final Set<String> sites = ConcurrentHashMap.newKeySet();

    /** Meters in {@code registry}, with at most {@value #DEFAULT_MAX_SITES} distinct site tags. */
    public CaptchaFeedbackMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_SITES);
    }

    /** Meters in {@code registry}, with at most {@code maxSites} (1 to 10,000) distinct site tags. */
    public CaptchaFeedbackMetrics(MeterRegistry registry, int maxSites) {
        this.registry = Objects.requireNonNull(registry, "registry == null");
        if (maxSites < 1 || maxSites > 10_000) {
            throw new IllegalArgumentException("maxSites must be 1 to 10000, got " + maxSites);
        }
        this.maxSites = maxSites;
    }

    /** Registers the outbox-depth gauge of {@code reporter} (held weakly, as Micrometer gauges are). */
    public CaptchaFeedbackMetrics watch(FeedbackReporter reporter) {
        Gauge.builder(DEPTH, reporter, r -> Math.max(0, r.outboxDepth()))
                .description("feedbacks waiting in the outbox for a decision").register(registry);
        return this;
    }

    /** The site tag of a page URL: its host while fewer than {@code maxSites} are known, else {@value #OTHER}. */
    String site(String pageUrl) {
        String host = host(pageUrl);
        if (sites.contains(host)) {
            return host;
        }
        synchronized (sites) {
            if (sites.size() < maxSites) {
                sites.add(host);
                return host;
            }
        }
        return OTHER;
    }

    private static String host(String pageUrl) {
        if (pageUrl == null) {
            return "unknown";
        }
        try {
            String host = URI.create(pageUrl).getHost();
            return host == null ? "unknown" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    private void result(SolvedTask task, String result) {
        Counter.builder(FEEDBACK).description("feedback results").tag("result", result)
                .tag("provider", task.providerId()).tag("site", site(task.pageUrl())).register(registry).increment();
    }

    @Override
    public void onVerdict(SolvedTask task, Verdict verdict) {
        Counter.builder(VERDICTS).description("verdicts reported").tag("outcome", verdict.outcome().name().toLowerCase(Locale.ROOT))
                .tag("provider", task.providerId()).tag("site", site(task.pageUrl())).register(registry).increment();
    }

    @Override
    public void onDelivered(Feedback feedback, boolean alreadyRecorded, int attempts, Duration latency) {
        result(feedback.task(), "delivered");
        Timer.builder(LATENCY).description("report() to the provider's answer").tag("provider", feedback.task().providerId())
                .register(registry).record(latency);
    }

    @Override
    public void onFailed(Feedback feedback, FeedbackResult result) {
        result(feedback.task(), result instanceof FeedbackResult.BadKey ? "bad_key" : "refused");
    }

    @Override
    public void onExpired(Feedback feedback) {
        result(feedback.task(), "expired");
    }

    @Override
    public void onHeld(Feedback feedback, String site) {
        result(feedback.task(), "held");
    }

    @Override
    public void onUncertain(Feedback feedback, int attempts, String reason) {
        result(feedback.task(), "uncertain");
    }

    @Override
    public void onRetry(Feedback feedback, int attempt, Duration delay, String reason) {
        result(feedback.task(), "retried");
    }

    @Override
    public void onSkipped(SolvedTask task, Verdict verdict, DeliveryStatus status, String reason) {
        result(task, status == DeliveryStatus.DUPLICATE ? "duplicate" : status == DeliveryStatus.SUPPRESSED ? "suppressed" : "skipped");
    }
}
