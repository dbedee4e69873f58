package io.captchafeedback.micrometer;

import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.FeedbackResult;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.FleetStatistics;
import io.captchafeedback.report.ReportListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Micrometer meters for a {@link FeedbackReporter}, fed by its listener:
 * <ul>
 *   <li>{@value #VERDICTS} (counter; tags {@code outcome}, {@code provider}, {@code site}): every reported verdict;</li>
 *   <li>{@value #FEEDBACK} (counter; tags {@code result} = delivered, refused, expired, held, uncertain, skipped,
 *       retried; {@code provider}, {@code site});</li>
 *   <li>{@value #LATENCY} (timer; tag {@code provider}): {@code report()} to the provider's answer, delivered ones;</li>
 *   <li>{@value #DEPTH} (gauge): feedbacks waiting in the outbox (the fleet's with a shared outbox), once
 *       {@link #watch(FeedbackReporter)} was called;</li>
 *   <li>{@value #FLEET} (gauges; tag {@code result}): the whole fleet's figures from a shared outbox, once
 *       {@link #watchFleet(FeedbackReporter, Duration)} was called.</li>
 * </ul>
 * Tag cardinality is bounded: the first {@code maxSites} sites keep their host name, later ones are tagged
 * {@value #OTHER}; providers are the configured ones.
 *
 * <!-- java: given io.micrometer.core.instrument.MeterRegistry meterRegistry -->
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
    /** The fleet's figures from a shared outbox. */
    public static final String FLEET = "captcha.feedback.fleet.results";
    /** The longest a gauge waits for a reading of the reporter. */
    static final long READ_WAIT_MILLIS = 200;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaptchaFeedbackMetrics.class);
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

    /**
     * Registers the outbox-depth gauge of {@code reporter} (held weakly, as Micrometer gauges are). With a
     * shared outbox the depth is the fleet's, read from the store: a reading waits at most
     * {@value #READ_WAIT_MILLIS} ms for it, else shows the last value while the read goes on.
     */
    public CaptchaFeedbackMetrics watch(FeedbackReporter reporter) {
        Reading depth = new Reading(r -> (double) Math.max(0, r.outboxDepth()));
        Gauge.builder(DEPTH, reporter, depth::get).description("feedbacks waiting in the outbox for a decision")
                .register(registry);
        return this;
    }

    /**
     * Registers gauges of the whole fleet's figures, read from the shared outbox of {@code reporter}
     * ({@link FeedbackReporter#fleetStatistics()}) at most once per {@code every}: {@value #FLEET} tagged
     * {@code result} = delivered, refused, expired, held, uncertain, suppressed, skipped, pending. Register
     * them on one worker (or on each and aggregate with {@code max}, not {@code sum}: every worker reads
     * the same figures). Nothing is registered for a reporter without a shared outbox; this call reads the
     * store once to know (at most 10 s).
     *
     * <!-- java: given CaptchaFeedbackMetrics metrics -->
     * <pre>{@code
     * metrics.watchFleet(reporter, Duration.ofSeconds(30));
     * }</pre>
     */
    public CaptchaFeedbackMetrics watchFleet(FeedbackReporter reporter, Duration every) {
        Objects.requireNonNull(every, "every == null");
        Optional<FleetStatistics> first = reporter.fleetStatistics(); // one read now: is there a fleet?
        if (first.isEmpty()) {
            return this;
        }
        AtomicReference<FleetStatistics> last = new AtomicReference<>(first.get());
        AtomicLong readAt = new AtomicLong(System.nanoTime());
        Reading reading = new Reading(r -> {
            long now = System.nanoTime();
            long at = readAt.get();
            if (now - at >= every.toNanos() && readAt.compareAndSet(at, now)) {
                r.fleetStatistics().ifPresent(last::set);
            }
            return 0.0;
        });
        Map<String, java.util.function.ToDoubleFunction<FleetStatistics.Counts>> results = new LinkedHashMap<>();
        results.put("delivered", FleetStatistics.Counts::delivered);
        results.put("refused", FleetStatistics.Counts::refused);
        results.put("expired", FleetStatistics.Counts::expired);
        results.put("held", FleetStatistics.Counts::held);
        results.put("uncertain", FleetStatistics.Counts::uncertain);
        results.put("suppressed", FleetStatistics.Counts::suppressed);
        results.put("skipped", FleetStatistics.Counts::skipped);
        results.put("pending", FleetStatistics.Counts::pending);
        results.forEach((result, value) -> Gauge.builder(FLEET, reporter, r -> {
            reading.get(r);
            FleetStatistics f = last.get();
            return f == null ? Double.NaN : value.applyAsDouble(f.total());
        }).description("the fleet's feedback figures, from the shared outbox").tag("result", result).register(registry));
        return this;
    }

    /**
     * A value read off the caller's thread: a gauge waits at most {@value #READ_WAIT_MILLIS} ms for a fresh
     * reading, else shows the last one; one reading at a time.
     */
    private static final class Reading {
        private static final java.util.concurrent.ExecutorService READER = java.util.concurrent.Executors
                .newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "captcha-feedback-metrics-reader");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.function.Function<FeedbackReporter, Double> read;
        private final AtomicReference<CompletableFuture<Double>> running = new AtomicReference<>();
        private volatile double last;

        Reading(java.util.function.Function<FeedbackReporter, Double> read) {
            this.read = read;
        }

        double get(FeedbackReporter reporter) {
            CompletableFuture<Double> f = running.get();
            if (f == null) {
                CompletableFuture<Double> fresh = new CompletableFuture<>();
                if (running.compareAndSet(null, fresh)) {
                    READER.execute(() -> {
                        try {
                            last = read.apply(reporter);
                        } catch (RuntimeException e) {
                            LOG.debug("metrics: a reading of the reporter failed: {}", e.toString());
                        } finally {
                            running.set(null);
                            fresh.complete(last);
                        }
                    });
                }
                f = fresh;
            }
            try {
                return f.get(READ_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                return last;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
    }

    /**
     * The site tag of a task: its page's host (as the reporter names sites) while fewer than
     * {@code maxSites} are known, else {@value #OTHER}.
     */
    String site(SolvedTask task) {
        String host = FeedbackReporter.siteOf(task);
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

    private void result(SolvedTask task, String result) {
        Counter.builder(FEEDBACK).description("feedback results").tag("result", result)
                .tag("provider", task.providerId()).tag("site", site(task)).register(registry).increment();
    }

    @Override
    public void onVerdict(SolvedTask task, Verdict verdict) {
        Counter.builder(VERDICTS).description("verdicts reported").tag("outcome", verdict.outcome().name().toLowerCase(Locale.ROOT))
                .tag("provider", task.providerId()).tag("site", site(task)).register(registry).increment();
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
