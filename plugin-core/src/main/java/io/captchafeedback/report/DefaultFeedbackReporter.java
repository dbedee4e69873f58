package io.captchafeedback.report;

import io.captchafeedback.spi.Listeners;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.Attempt;
import io.captchafeedback.provider.FeedbackResult;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderCapabilities;
import io.captchafeedback.report.internal.SolveTally;
import io.captchafeedback.report.spi.BreakerSync;
import io.captchafeedback.report.spi.FleetCount;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link FeedbackReporter}: outbox, per-provider lanes, retries, breakers. Thread-safe. */
final class DefaultFeedbackReporter implements FeedbackReporter {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackReporter.class);
    /** How long past its deadline a completed key is still remembered (clock skew between us and the provider). */
    private static final long RETENTION_MARGIN_MILLIS = TimeUnit.MINUTES.toMillis(10);
    /** The longest a synchronous report() waits for its record to reach the disk. */
    private static final long SYNC_WAIT_MILLIS = 30_000;
    /** The longest report() waits for its own record when the writer is late (it may run in an event handler). */
    private static final long BEHIND_WAIT_MILLIS = 1_000;
    /**
     * How far past the group-commit interval the writer may be before report() waits for its own record:
     * none, so that what returned is on disk within the interval plus the sync under way and its own.
     */
    private static final long BEHIND_SLACK_NANOS = 0;
    /** The longest pause between two checks of an open breaker (its pause runs on the injected clock). */
    private static final long MAX_BREAKER_CHECK_MILLIS = 1_000;
    /** The longest fleetStatistics() waits for the store. */
    private static final long FLEET_STATISTICS_WAIT_MILLIS = 10_000;

    private final ReporterConfig config;
    private final Listeners<ReportListener> listener;
    private final Stats stats = new Stats();
    private final OutboxLog outbox;
    private final Object lock = new Object();
    /** Entries not finished, by key hash (guarded by {@link #lock}). */
    private final Map<Long, Entry> pending = new HashMap<>();
    /** Keys of finished entries (guarded by {@link #lock}). */
    private final KeyIndex completed;
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Negative reports held by an open breaker, by breaker key (guarded by {@link #lock}). */
    private final Map<String, List<Entry>> held = new HashMap<>();
    /** How many entries are in {@link #held}: close() does not wait for them (they wait for the user). */
    private final AtomicInteger heldCount = new AtomicInteger();
    private final ConcurrentHashMap<String, Breaker> breakers = new ConcurrentHashMap<>();
    /** Whether the breakers count the fleet's verdicts (a shared outbox that keeps breaker figures). */
    private volatile boolean fleetBreakers;
    /** Whether an exchange of breaker figures with the fleet is under way. */
    private final AtomicBoolean breakerSyncing = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger reporting = new AtomicInteger();
    private final Set<String> warnedProviders = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    /** Records what is reported when a verdict report was asked for, else {@code null}. */
    private final VerdictRecorder verdictReport;
    /** The verdicts about tokens a {@code Solver} bought, when its statistics are attached. */
    private final SolveTally solveTally = new SolveTally();

    /** The in-flight limit and waiting queue of one provider. */
    private static final class Lane {
        final ProviderAdapter adapter;
        final ArrayDeque<Entry> waiting = new ArrayDeque<>();
        int inFlight;
        volatile boolean disabled;

        Lane(ProviderAdapter adapter) {
            this.adapter = adapter;
        }
    }

    private DefaultFeedbackReporter(ReporterConfig config, OutboxLog outbox, KeyIndex completed) {
        this.config = config;
        this.listener = SafeListener.of(config.listener());
        this.outbox = outbox;
        this.completed = completed;
        this.verdictReport = config.verdictReport() == null ? null : openVerdictReport(config.verdictReport(), config.clock());
        config.adapters().forEach((id, adapter) -> lanes.put(id, new Lane(adapter)));
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "captcha-feedback-retry");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** The verdict report's recorder, found on the class path (plugin-core ships it). */
    private static VerdictRecorder openVerdictReport(Path dir, Clock clock) {
        for (VerdictRecorder.Factory factory : ServiceLoader.load(VerdictRecorder.Factory.class,
                FeedbackReporter.class.getClassLoader())) {
            return factory.open(dir, clock);
        }
        throw new IllegalStateException("no verdict report on the class path for verdictReport(" + dir + "): the service file "
                + "META-INF/services/" + VerdictRecorder.Factory.class.getName() + " of plugin-core is missing "
                + "(merge service files when repackaging the jar)");
    }

    static FeedbackReporter open(ReporterConfig config) {
        Listeners<ReportListener> listener = SafeListener.of(config.listener());
        if (config.dryRun()) {
            LOG.info("feedback reporter in dry-run mode: feedback is logged, not sent, and nothing is written to disk");
            return new DefaultFeedbackReporter(config, null, new KeyIndex());
        }
        if (config.shared() != null) {
            SharedOutboxLog shared = new SharedOutboxLog(config.shared());
            DefaultFeedbackReporter reporter = new DefaultFeedbackReporter(config, shared, new KeyIndex());
            reporter.startBreakerSync(shared);
            shared.start(reporter::takeOver);
            return reporter;
        }
        // synchronous callers wait anyway: force as soon as the previous force is done (they share it)
        Duration groupCommit = config.commitMode() == CommitMode.SYNC ? Duration.ZERO : config.groupCommit();
        Outbox outbox = Outbox.open(config.outbox(), groupCommit, config.compactAfterBytes(), listener);
        try {
            long now = config.clock().millis();
            Outbox.Replay replay = outbox.replay(now);
            DefaultFeedbackReporter reporter = new DefaultFeedbackReporter(config, outbox, replay.completed());
            outbox.start(replay, now, reporter::state);
            reporter.resume(replay.pending());
            return reporter;
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    /** The longest disk sync of the outbox so far, in nanoseconds (tests and benchmarks). */
    long longestForceNanos() {
        return outbox == null ? 0 : outbox.longestForceNanos();
    }

    /** Entries of a dead worker of the fleet, now claimed by this one (those it has already stay as they are). */
    private void takeOver(List<Entry> entries) {
        List<Entry> fresh = new ArrayList<>();
        synchronized (lock) {
            for (Entry e : entries) {
                if (!pending.containsKey(e.hash) && !completed.contains(e.hash, config.clock().millis())) {
                    fresh.add(e);
                }
            }
        }
        if (!stopped && !closed.get()) {
            resume(fresh);
        }
    }

    /** How many feedbacks wait in the outbox: this reporter's, or the fleet's for a shared outbox. */
    @Override
    public long outboxDepth() {
        if (outbox instanceof SharedOutboxLog shared) {
            long depth = shared.depth();
            if (depth >= 0) {
                return depth;
            }
        }
        synchronized (lock) {
            return pending.size();
        }
    }

    private Outbox.State state() {
        synchronized (lock) {
            long[][] done = completed.snapshot(config.clock().millis());
            return new Outbox.State(new ArrayList<>(pending.values()), done[0], done[1]);
        }
    }

    private void resume(List<Entry> replayed) {
        if (replayed.isEmpty()) {
            return;
        }
        Map<String, Integer> orphans = new HashMap<>();
        List<Entry> due = new ArrayList<>();
        synchronized (lock) {
            for (Entry e : replayed) {
                pending.put(e.hash, e);
                if (lanes.containsKey(e.providerId())) {
                    due.add(e);
                } else {
                    orphans.merge(e.providerId(), 1, Integer::sum);
                }
            }
        }
        LOG.info("outbox {}: {} feedbacks from an earlier run{} are due", outbox.location(), due.size(),
                outbox.shared() ? " or a dead worker" : "");
        orphans.forEach((id, n) -> LOG.warn("outbox {}: {} feedbacks for provider '{}' stay in the outbox: no adapter "
                + "is configured for it", outbox.location(), n, id));
        long now = config.clock().millis();
        for (Entry e : due) {
            active.incrementAndGet();
            Lane lane = lanes.get(e.providerId());
            if (e.attempted && !lane.adapter.capabilities().answersRepeats()) {
                uncertain(e, "a request went out before the last stop and its answer is unknown");
            } else if (e.held && config.breaker().enabled()) {
                e.held = false;
                reopenBreaker(e.providerId(), e.site, now);
                hold(e);
            } else {
                e.held = false;
                dispatch(lane, e);
            }
        }
    }

    @Override
    public ReportHandle report(SolvedTask task, Verdict verdict) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(verdict, "verdict == null");
        reporting.incrementAndGet(); // close() waits for reports under way before it drains
        try {
            if (closed.get()) {
                throw new IllegalStateException("the feedback reporter is closed");
            }
            ReportHandle handle = doReport(task, verdict);
            solveTally.record(task, verdict.outcome());
            if (verdictReport != null) {
                verdictReport.record(task, verdict, handle);
            }
            return handle;
        } finally {
            reporting.decrementAndGet();
        }
    }

    private ReportHandle doReport(SolvedTask task, Verdict verdict) {
        long startNanos = System.nanoTime();
        long now = config.clock().millis();
        String providerId = task.providerId();
        String site = FeedbackReporter.siteOf(task);
        listener.fire("onVerdict", l -> l.onVerdict(task, verdict));
        if (verdict.outcome() == Outcome.ACCEPTED || verdict.outcome() == Outcome.REJECTED_CAPTCHA) {
            boolean rejection = verdict.outcome() == Outcome.REJECTED_CAPTCHA;
            stats.count(providerId, site, rejection ? Stats.Kind.REJECTED : Stats.Kind.ACCEPTED);
            countVerdictInBreaker(providerId, site, rejection, now);
        }
        Optional<Feedback> maybeFeedback = Feedback.from(task, verdict);
        if (maybeFeedback.isEmpty()) {
            return skipped(task, verdict, site, DeliveryStatus.SKIPPED, "the outcome " + verdict.outcome() + " sends no feedback");
        }
        Feedback feedback = maybeFeedback.get();
        Lane lane = lanes.get(providerId);
        if (lane == null) {
            if (warnedProviders.add(providerId)) {
                LOG.warn("no adapter is configured for provider '{}': its feedback is skipped (configured: {})",
                        providerId, lanes.keySet());
            }
            return skipped(task, verdict, site, DeliveryStatus.SKIPPED, "no adapter for provider '" + providerId + "'");
        }
        ProviderCapabilities caps = lane.adapter.capabilities();
        if (!caps.supports(task.type(), feedback.accepted())) {
            return skipped(task, verdict, site, DeliveryStatus.SKIPPED, "provider '" + providerId + "' takes no "
                    + (feedback.accepted() ? "positive" : "negative") + " reports for " + task.type());
        }
        long deadline = caps.window().map(w -> task.solvedAt().toEpochMilli() + w.toMillis())
                .orElse(now + config.retry().maxDuration().toMillis());
        long hash = KeyIndex.hash(providerId, task.taskId());
        Entry entry = new Entry(hash, feedback, site, now, deadline, startNanos);
        if (now > deadline) {
            stats.count(providerId, site, Stats.Kind.EXPIRED);
            listener.fire("onExpired", l -> l.onExpired(feedback));
            LOG.debug("feedback for {} not sent: its report window closed before it was reported", task.key());
            return ReportHandle.decided(task.key(), DeliveryStatus.EXPIRED, "not sent: the report window had closed");
        }
        boolean duplicate;
        synchronized (lock) {
            duplicate = completed.contains(hash, now) || pending.putIfAbsent(hash, entry) != null;
        }
        if (duplicate) {
            return skipped(task, verdict, site, DeliveryStatus.DUPLICATE, "feedback for " + task.key() + " was already reported");
        }
        if (config.dryRun()) {
            synchronized (lock) {
                pending.remove(hash);
                completed.put(hash, retainUntil(entry, now), now);
            }
            LOG.info("dry run: would send {} feedback for {} (site {}, message \"{}\")",
                    feedback.accepted() ? "positive" : "negative", task.key(), site, feedback.message());
            listener.fire("onDryRun", l -> l.onDryRun(feedback));
            entry.durable.complete(null);
            entry.delivery.complete(Delivery.withoutRequest(DeliveryStatus.DRY_RUN, "dry run: logged, not sent"));
            return new ReportHandle(task.key(), entry.durable, entry.delivery);
        }
        active.incrementAndGet();
        outbox.append(entry);
        if (outbox.shared()) {
            // whether another worker of the fleet has the key is known once the row is stored
            entry.durable.whenComplete((ok, failure) -> afterSharedInsert(lane, entry, failure));
        } else if (!feedback.accepted() && breakerOpen(providerId, site, now)) {
            hold(entry);
        } else {
            dispatch(lane, entry);
        }
        if (config.commitMode() == CommitMode.SYNC) {
            awaitDurable(entry, SYNC_WAIT_MILLIS);
        } else if (outbox.behind(BEHIND_SLACK_NANOS)) {
            awaitDurable(entry, BEHIND_WAIT_MILLIS); // backpressure: a writer that fell behind is not outrun
        }
        return new ReportHandle(task.key(), entry.durable, entry.delivery, () -> entry.held);
    }

    /** Sends (or holds) an entry stored in a shared outbox, or completes it when it could not be stored there. */
    private void afterSharedInsert(Lane lane, Entry entry, Throwable failure) {
        if (failure != null || entry.storedElsewhere) {
            synchronized (lock) {
                pending.remove(entry.hash);
            }
            if (failure == null) {
                skipped(entry.feedback.task(), null, entry.site, DeliveryStatus.DUPLICATE,
                        "another worker of the fleet has the feedback for " + entry.feedback.task().key());
            } else {
                LOG.error("feedback for {} could not be stored in the outbox {}: {}", entry.feedback.task().key(),
                        outbox.location(), failure.getMessage());
            }
            DeliveryStatus status = failure == null ? DeliveryStatus.DUPLICATE : DeliveryStatus.KEPT;
            String why = failure == null ? "not sent: another worker of the fleet has it"
                    : "not sent: the shared outbox could not store it (" + failure.getMessage() + ")";
            if (entry.delivery.complete(new Delivery(status, why, 0, Duration.ofNanos(System.nanoTime() - entry.startNanos)))) {
                active.decrementAndGet();
            }
            return;
        }
        if (!entry.feedback.accepted() && breakerOpen(entry.providerId(), entry.site, config.clock().millis())) {
            hold(entry);
        } else {
            dispatch(lane, entry);
        }
    }

    private void awaitDurable(Entry entry, long millis) {
        try {
            entry.durable.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("feedback for {} is not on disk after {} ms: the disk is slow; report() returns anyway",
                    entry.feedback.task().key(), millis);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("feedback for {} is not on disk: {}", entry.feedback.task().key(), e.getCause().toString());
        }
    }

    private ReportHandle skipped(SolvedTask task, Verdict verdict, String site, DeliveryStatus status, String reason) {
        stats.count(task.providerId(), site, Stats.Kind.SKIPPED);
        LOG.debug("feedback for {} skipped: {}", task.key(), reason);
        listener.fire("onSkipped", l -> l.onSkipped(task, verdict, status, reason));
        return ReportHandle.decided(task.key(), status, "not sent: " + reason);
    }

    // ---- delivery ---------------------------------------------------------------------------------

    private void dispatch(Lane lane, Entry entry) {
        synchronized (lane) {
            if (lane.inFlight >= config.maxConcurrency()) {
                lane.waiting.add(entry);
                return;
            }
            lane.inFlight++;
        }
        pump(lane, entry);
    }

    /** Runs entries on a slot held by the caller until one is in flight or none is waiting. */
    private void pump(Lane lane, Entry first) {
        Entry e = first;
        while (e != null) {
            if (send(lane, e)) {
                return;
            }
            e = nextOrRelease(lane);
        }
    }

    /** The next waiting entry (keeping the slot), or {@code null} after releasing the slot. */
    private static Entry nextOrRelease(Lane lane) {
        synchronized (lane) {
            Entry next = lane.waiting.poll();
            if (next == null) {
                lane.inFlight--;
            }
            return next;
        }
    }

    /** Starts sending; returns whether a request is in flight (its completion then continues the lane). */
    private boolean send(Lane lane, Entry e) {
        if (stopped || lane.disabled) {
            keep(e);
            return false;
        }
        long now = config.clock().millis();
        if (now > e.deadline) {
            finish(e, DeliveryStatus.EXPIRED, null);
            return false;
        }
        // Decisions made before a breaker opened are sent: the breaker holds only what comes after.
        e.attempts++;
        // a shared outbox checks the claim before every request, so that one worker of the fleet sends it
        if (outbox == null || (!outbox.shared() && (e.attempted || lane.adapter.capabilities().answersRepeats()))) {
            return request(lane, e);
        }
        // The attempt is on disk before the request goes out, so that a restart knows it may have been sent.
        CompletableFuture<Void> marked = outbox.attempt(e);
        marked.whenComplete((ok, failure) -> {
            boolean inFlight = false;
            if (failure != null) {
                e.attempts--;
                keep(e, "kept in the outbox: its attempt could not be recorded (" + failure.getMessage() + ")");
            } else {
                inFlight = request(lane, e);
            }
            if (!inFlight) {
                Entry next = nextOrRelease(lane);
                if (next != null) {
                    pump(lane, next);
                }
            }
        });
        return true;
    }

    /** Sends one request; returns whether it is in flight (its completion then continues the lane). */
    private boolean request(Lane lane, Entry e) {
        CompletableFuture<FeedbackResult> future;
        try {
            future = Objects.requireNonNull(lane.adapter.send(e.feedback, Attempt.number(e.attempts)),
                    "adapter returned null");
        } catch (RuntimeException ex) {
            future = CompletableFuture.completedFuture(FeedbackResult.Retryable.notRecorded("the adapter threw " + ex, null));
        }
        if (future.isDone()) {
            onResult(lane, e, future.handle(DefaultFeedbackReporter::orRetryable).join());
            return false;
        }
        future.whenComplete((result, ex) -> {
            Entry next = nextOrRelease(lane);
            onResult(lane, e, orRetryable(result, ex));
            if (next != null) {
                pump(lane, next);
            }
        });
        return true;
    }

    private static FeedbackResult orRetryable(FeedbackResult result, Throwable ex) {
        if (result != null) {
            return result;
        }
        return FeedbackResult.Retryable.notRecorded("the adapter failed: " + ex, null);
    }

    private void onResult(Lane lane, Entry e, FeedbackResult result) {
        try {
            if (result instanceof FeedbackResult.Delivered) {
                finish(e, DeliveryStatus.DELIVERED, result);
            } else if (result instanceof FeedbackResult.AlreadyRecorded) {
                finish(e, DeliveryStatus.ALREADY_RECORDED, result);
            } else if (result instanceof FeedbackResult.Refused refused) {
                finish(e, refused.reason() == FeedbackResult.RefusalReason.EXPIRED
                        ? DeliveryStatus.EXPIRED : DeliveryStatus.REFUSED, result);
            } else if (result instanceof FeedbackResult.BadKey badKey) {
                disable(lane, e, badKey);
                keep(e, "kept in the outbox: the provider refused the API key (" + badKey.code() + ")");
            } else if (result instanceof FeedbackResult.Unsupported) {
                finish(e, DeliveryStatus.SKIPPED, result);
            } else if (result instanceof FeedbackResult.Retryable retryable) {
                if (retryable.mayHaveReachedProvider() && !lane.adapter.capabilities().answersRepeats()) {
                    uncertain(e, retryable.reason());
                } else {
                    retry(lane, e, retryable);
                }
            }
        } catch (RuntimeException ex) {
            LOG.error("internal error handling the answer for {}; it stays in the outbox", e, ex);
            keep(e);
        }
    }

    private void retry(Lane lane, Entry e, FeedbackResult.Retryable r) {
        if (stopped) {
            keep(e);
            return;
        }
        long now = config.clock().millis();
        long delay = config.retry().delayMillis(e.attempts, ThreadLocalRandom.current().nextDouble());
        if (r.retryAfter() != null) {
            long asked = r.retryAfter().toMillis();
            if (now + asked > e.deadline) {
                LOG.debug("{}: the provider asks to wait {} ms, past the report window", e, asked);
                finish(e, DeliveryStatus.EXPIRED, null);
                return;
            }
            delay = Math.max(delay, asked);
        }
        delay = Math.max(0, Math.min(delay, e.deadline - now));
        stats.count(e.providerId(), e.site, Stats.Kind.RETRIED);
        Duration wait = Duration.ofMillis(delay);
        int attempt = e.attempts;
        LOG.debug("{}: {}; retry {} in {} ms", e, r.reason(), attempt, delay);
        listener.fire("onRetry", l -> l.onRetry(e.feedback, attempt, wait, r.reason()));
        try {
            scheduler.schedule(() -> dispatch(lane, e), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ex) {
            keep(e);
        }
    }

    private void disable(Lane lane, Entry e, FeedbackResult.BadKey badKey) {
        stats.count(e.providerId(), e.site, Stats.Kind.FAILED);
        listener.fire("onFailed", l -> l.onFailed(e.feedback, badKey));
        if (!lane.disabled) {
            lane.disabled = true;
            LOG.error("provider '{}' refused the API key ({}{}): it is disabled and nothing more is sent to it; "
                    + "its pending feedback stays in the outbox {} for the next start with a valid key",
                    e.providerId(), badKey.code(), badKey.description().isEmpty() ? "" : ": " + badKey.description(),
                    outbox.location());
            listener.fire("onProviderDisabled", l -> l.onProviderDisabled(e.providerId(), badKey.code(), badKey.description()));
        }
    }

    private long retainUntil(Entry e, long now) {
        return Math.max(e.deadline, now) + RETENTION_MARGIN_MILLIS;
    }

    /**
     * Decides an entry: its done record goes to disk first, then it is counted, told to the listener and
     * its handle completed. Its key is remembered at once, so a repeat report is a duplicate meanwhile.
     */
    private void finish(Entry e, DeliveryStatus status, FeedbackResult result) {
        long now = config.clock().millis();
        long retain = retainUntil(e, now);
        synchronized (lock) {
            pending.remove(e.hash);
            completed.put(e.hash, retain, now);
        }
        long latency = System.nanoTime() - e.startNanos;
        if (outbox == null) {
            decided(e, status, result, latency);
            return;
        }
        outbox.done(e, status, retain).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.error("the done record of {} could not be written ({}): a restart may decide it again",
                        e.feedback.task().key(), failure.getMessage());
            }
            decided(e, status, result, latency);
        });
    }

    private void decided(Entry e, DeliveryStatus status, FeedbackResult result, long latency) {
        String p = e.providerId();
        switch (status) {
            case DELIVERED, ALREADY_RECORDED -> {
                stats.count(p, e.site, Stats.Kind.DELIVERED);
                stats.latency(p, e.site, latency);
                Duration d = Duration.ofNanos(latency);
                listener.fire("onDelivered", l -> l.onDelivered(e.feedback, status == DeliveryStatus.ALREADY_RECORDED,
                        e.attempts, d));
            }
            case REFUSED -> {
                stats.count(p, e.site, Stats.Kind.FAILED);
                stats.latency(p, e.site, latency);
                FeedbackResult.Refused r = (FeedbackResult.Refused) result;
                LOG.warn("{} refused the feedback for {}: {} {} {}", p, e.feedback.task().key(), r.reason(), r.code(),
                        r.description());
                listener.fire("onFailed", l -> l.onFailed(e.feedback, result));
            }
            case EXPIRED -> {
                stats.count(p, e.site, Stats.Kind.EXPIRED);
                LOG.info("feedback for {} dropped: its report window closed before delivery ({} attempts)",
                        e.feedback.task().key(), e.attempts);
                listener.fire("onExpired", l -> l.onExpired(e.feedback));
            }
            case SUPPRESSED -> {
                stats.count(p, e.site, Stats.Kind.SUPPRESSED);
                listener.fire("onSkipped", l -> l.onSkipped(e.feedback.task(), null, status,
                        "discarded while held by the breaker of " + e.site));
            }
            case UNCERTAIN -> {
                stats.count(p, e.site, Stats.Kind.UNCERTAIN);
                String reason = result instanceof FeedbackResult.Retryable r ? r.reason() : "the answer is unknown";
                LOG.warn("feedback for {} is uncertain: {}; {} documents no answer to a repeat, so it is not sent again",
                        e.feedback.task().key(), reason, p);
                listener.fire("onUncertain", l -> l.onUncertain(e.feedback, e.attempts, reason));
            }
            default -> {
                stats.count(p, e.site, Stats.Kind.SKIPPED);
                String reason = result instanceof FeedbackResult.Unsupported u ? u.reason() : status.name();
                listener.fire("onSkipped", l -> l.onSkipped(e.feedback.task(), null, status, reason));
            }
        }
        if (e.delivery.complete(new Delivery(status, answer(status, result, e), e.attempts, Duration.ofNanos(latency)))) {
            active.decrementAndGet();
        }
    }

    /** The provider's answer in words for the report's {@link Delivery}. */
    private static String answer(DeliveryStatus status, FeedbackResult result, Entry e) {
        if (result instanceof FeedbackResult.Delivered d) {
            return d.message().isEmpty() ? "recorded" : d.message();
        } else if (result instanceof FeedbackResult.AlreadyRecorded a) {
            return a.code() == null || a.code().isEmpty() ? "already recorded" : "already recorded (" + a.code() + ")";
        } else if (result instanceof FeedbackResult.Refused r) {
            return "refused: " + r.code() + (r.description() == null || r.description().isEmpty() ? "" : " " + r.description());
        } else if (result instanceof FeedbackResult.Unsupported u) {
            return "not sent: " + u.reason();
        }
        return switch (status) {
            case EXPIRED -> e.attempts == 0 ? "not sent: the report window closed first"
                    : "no answer before the report window closed (" + e.attempts + " attempts)";
            case SUPPRESSED -> "not sent: discarded while held by the breaker of " + e.site;
            case UNCERTAIN -> "uncertain: sent without an answer; not repeated (the provider documents no answer"
                    + " to a repeat)";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    /** Completes an entry whose request went out without an answer, without sending it again. */
    private void uncertain(Entry e, String reason) {
        finish(e, DeliveryStatus.UNCERTAIN, FeedbackResult.Retryable.mayHaveReached(reason));
    }

    /** Leaves the entry in the outbox for the next start. */
    private void keep(Entry e) {
        keep(e, e.attempts == 0 ? "kept in the outbox: not sent yet" : "kept in the outbox after " + e.attempts + " attempts");
    }

    private void keep(Entry e, String why) {
        if (e.delivery.complete(new Delivery(DeliveryStatus.KEPT, why, e.attempts, Duration.ofNanos(System.nanoTime() - e.startNanos)))) {
            active.decrementAndGet();
        }
    }

    // ---- breaker ----------------------------------------------------------------------------------

    private Breaker newBreaker() {
        return new Breaker(config.breaker(), fleetBreakers);
    }

    /**
     * With a shared outbox, exchanges the breakers' counts and openings with the fleet every half bucket
     * (50 ms to 1 s), on the scheduler's thread; the store's answer is applied on the outbox's thread.
     */
    private void startBreakerSync(SharedOutboxLog shared) {
        if (!config.breaker().enabled()) {
            return;
        }
        fleetBreakers = true;
        long every = Math.max(50, Math.min(1_000, Breaker.bucketMillis(config.breaker()) / 2));
        try {
            scheduler.scheduleWithFixedDelay(() -> syncBreakers(shared), 0, every, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** Asks for an exchange with the fleet soon (a breaker opened here). */
    private void syncBreakersSoon() {
        if (fleetBreakers && outbox instanceof SharedOutboxLog shared) {
            try {
                scheduler.execute(() -> syncBreakers(shared));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** One exchange of breaker figures with the fleet; at most one at a time; never blocks. */
    private void syncBreakers(SharedOutboxLog shared) {
        if (!fleetBreakers || stopped || !breakerSyncing.compareAndSet(false, true)) {
            return;
        }
        long now = config.clock().millis();
        long width = Breaker.bucketMillis(config.breaker());
        List<BreakerSync.Count> counts = new ArrayList<>();
        List<BreakerSync.Opening> openings = new ArrayList<>();
        Map<Breaker, Breaker.Drained> drained = new HashMap<>();
        breakers.forEach((key, breaker) -> {
            Breaker.Drained d = breaker.drain();
            String providerId = key.substring(0, key.indexOf('\n'));
            String site = key.substring(key.indexOf('\n') + 1);
            d.counts().forEach(c -> counts.add(new BreakerSync.Count(providerId, site, c[0], c[1], c[2])));
            if (d.openingShare() >= 0) {
                openings.add(new BreakerSync.Opening(providerId, site, d.openUntil(), d.openingShare(), null));
            }
            if (!d.counts().isEmpty() || d.openingShare() >= 0) {
                drained.put(breaker, d);
            }
        });
        CompletableFuture<BreakerSync.Answer> answer;
        try {
            answer = shared.syncBreakers(new BreakerSync(width, now / width - Breaker.BUCKETS + 1, now, counts, openings));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((a, failure) -> {
            try {
                if (failure != null) {
                    drained.forEach(Breaker::restore);
                    LOG.debug("breaker figures not exchanged with the fleet now: {}", failure.toString());
                } else if (a == null) {
                    fleetBreakers = false;
                    drained.forEach(Breaker::restore);
                    LOG.info("outbox {} keeps no breaker figures: each worker's breakers count its own verdicts",
                            outbox.location());
                } else {
                    applyFleetBreakers(a, config.clock().millis());
                }
            } catch (RuntimeException e) {
                LOG.warn("internal error applying the fleet's breaker figures", e);
            } finally {
                breakerSyncing.set(false);
            }
        });
    }

    /** Puts the fleet's counts in the breakers and takes on the fleet's openings. */
    private void applyFleetBreakers(BreakerSync.Answer answer, long now) {
        Map<String, Map<Long, long[]>> byKey = new HashMap<>();
        for (BreakerSync.Count c : answer.counts()) {
            byKey.computeIfAbsent(c.providerId() + '\n' + c.site(), k -> new HashMap<>())
                    .put(c.bucket(), new long[] {c.accepted(), c.rejected()});
        }
        byKey.keySet().forEach(k -> breakers.computeIfAbsent(k, x -> newBreaker()));
        for (BreakerSync.Opening o : answer.open()) {
            String key = o.providerId() + '\n' + o.site();
            Breaker breaker = breakers.computeIfAbsent(key, x -> newBreaker());
            if (breaker.adopt(o.openUntil(), now)) {
                LOG.warn("breaker opened for provider '{}' on site {} by worker {} of the fleet: {}% of the fleet's recent"
                        + " verdicts were rejections; negative reports are paused until {}", o.providerId(), o.site(),
                        o.openedBy(), Math.round(o.rejectionShare() * 100), java.time.Instant.ofEpochMilli(o.openUntil()));
                listener.fire("onBreakerOpened", l -> l.onBreakerOpened(o.providerId(), o.site(), o.rejectionShare()));
                scheduleBreakerCheck(breaker, o.providerId(), o.site(), o.openUntil() - now);
            }
        }
        breakers.forEach((key, breaker) -> {
            double rate = breaker.applyFleet(byKey.getOrDefault(key, Map.of()), now);
            if (rate >= 0) {
                String providerId = key.substring(0, key.indexOf('\n'));
                String site = key.substring(key.indexOf('\n') + 1);
                breakerOpened(breaker, providerId, site, rate);
            }
        });
    }

    private void countVerdictInBreaker(String providerId, String site, boolean rejection, long now) {
        if (!config.breaker().enabled()) {
            return;
        }
        Breaker breaker = breakers.computeIfAbsent(providerId + '\n' + site, k -> newBreaker());
        double rate = breaker.record(rejection, now);
        if (rate >= 0) {
            breakerOpened(breaker, providerId, site, rate);
        }
    }

    private void breakerOpened(Breaker breaker, String providerId, String site, double rate) {
        LOG.warn("breaker opened for provider '{}' on site {}: {}% of the recent verdicts{} were rejections; "
                + "negative reports are paused for {} (a site change is likelier than every token being bad)",
                providerId, site, Math.round(rate * 100), fleetBreakers ? " of the fleet" : "", config.breaker().pause());
        listener.fire("onBreakerOpened", l -> l.onBreakerOpened(providerId, site, rate));
        scheduleBreakerCheck(breaker, providerId, site, config.breaker().pause().toMillis());
        syncBreakersSoon();
    }

    /** Opens the breaker of reports that were held when the last run stopped, for a new pause. */
    private void reopenBreaker(String providerId, String site, long now) {
        Breaker breaker = breakers.computeIfAbsent(providerId + '\n' + site, k -> newBreaker());
        if (breaker.open(now)) {
            LOG.warn("breaker reopened for provider '{}' on site {}: negative reports held when the last run stopped"
                    + " stay held for {}", providerId, site, config.breaker().pause());
            listener.fire("onBreakerOpened", l -> l.onBreakerOpened(providerId, site, 1.0));
            scheduleBreakerCheck(breaker, providerId, site, config.breaker().pause().toMillis());
            syncBreakersSoon();
        }
    }

    private void scheduleBreakerCheck(Breaker breaker, String providerId, String site, long delay) {
        try {
            scheduler.schedule(() -> {
                long now = config.clock().millis();
                if (breaker.closeIfDue(now)) {
                    breakerClosed(providerId, site);
                } else if (breaker.openUntil() >= 0) {
                    // the pause runs on the injected clock: look again at least every second
                    scheduleBreakerCheck(breaker, providerId, site,
                            Math.min(MAX_BREAKER_CHECK_MILLIS, Math.max(10, breaker.openUntil() - now)));
                }
            }, Math.min(MAX_BREAKER_CHECK_MILLIS, delay), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private boolean breakerOpen(String providerId, String site, long now) {
        Breaker breaker = breakers.get(providerId + '\n' + site);
        if (breaker == null) {
            return false;
        }
        if (breaker.isOpen(now)) {
            return true;
        }
        if (breaker.closeIfDue(now)) {
            breakerClosed(providerId, site);
        }
        return false;
    }

    private void breakerClosed(String providerId, String site) {
        LOG.warn("breaker closed for provider '{}' on site {}: negative reports resume", providerId, site);
        listener.fire("onBreakerClosed", l -> l.onBreakerClosed(providerId, site));
        int released = release(providerId, site);
        if (released > 0) {
            LOG.info("{} negative reports held for provider '{}' on site {} are sent now", released, providerId, site);
        }
    }

    /** Holds a negative report while the breaker of its (provider, site) is open. */
    private void hold(Entry e) {
        String key = e.providerId() + '\n' + e.site;
        synchronized (lock) {
            e.held = true;
            held.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            heldCount.incrementAndGet();
        }
        if (outbox != null) {
            outbox.hold(e); // so that a restart holds it again
        }
        stats.count(e.providerId(), e.site, Stats.Kind.HELD);
        LOG.debug("feedback for {} held: breaker open for {}", e.feedback.task().key(), e.site);
        listener.fire("onHeld", l -> l.onHeld(e.feedback, e.site));
        if (!breakerOpen(e.providerId(), e.site, config.clock().millis())) {
            release(e.providerId(), e.site); // it closed meanwhile
        }
    }

    private List<Entry> takeHeld(String providerId, String site) {
        Objects.requireNonNull(providerId, "providerId == null");
        Objects.requireNonNull(site, "site == null");
        synchronized (lock) {
            List<Entry> list = held.remove(providerId + '\n' + site.toLowerCase(Locale.ROOT));
            if (list == null) {
                return List.of();
            }
            list.forEach(e -> e.held = false);
            heldCount.addAndGet(-list.size());
            return list;
        }
    }

    @Override
    public int release(String providerId, String site) {
        List<Entry> list = takeHeld(providerId, site);
        Lane lane = lanes.get(providerId);
        for (Entry e : list) {
            dispatch(lane, e);
        }
        return list.size();
    }

    @Override
    public int discard(String providerId, String site) {
        List<Entry> list = takeHeld(providerId, site);
        for (Entry e : list) {
            finish(e, DeliveryStatus.SUPPRESSED, null);
        }
        return list.size();
    }

    /** Takes the held entry of one task out of its breaker's list, if it is held. */
    private Entry takeHeldTask(String taskKey) {
        Objects.requireNonNull(taskKey, "taskKey == null");
        synchronized (lock) {
            for (Iterator<List<Entry>> lists = held.values().iterator(); lists.hasNext(); ) {
                List<Entry> list = lists.next();
                for (Iterator<Entry> it = list.iterator(); it.hasNext(); ) {
                    Entry e = it.next();
                    if (e.feedback.task().key().equals(taskKey)) {
                        it.remove();
                        if (list.isEmpty()) {
                            lists.remove();
                        }
                        e.held = false;
                        heldCount.decrementAndGet();
                        return e;
                    }
                }
            }
            return null;
        }
    }

    @Override
    public boolean releaseTask(String taskKey) {
        Entry e = takeHeldTask(taskKey);
        if (e != null) {
            dispatch(lanes.get(e.providerId()), e);
        }
        return e != null;
    }

    @Override
    public boolean discardTask(String taskKey) {
        Entry e = takeHeldTask(taskKey);
        if (e != null) {
            finish(e, DeliveryStatus.SUPPRESSED, null);
        }
        return e != null;
    }

    // ---- lifecycle --------------------------------------------------------------------------------

    @Override
    public ReporterStatistics statistics() {
        ReporterStatistics counters = stats.snapshot();
        return new ReporterStatistics(counters.total(), counters.byProvider(), counters.bySite(), solveTally.figures());
    }

    /** The fleet's figures from a shared outbox (see {@link FeedbackReporter#fleetStatistics()}). */
    @Override
    public Optional<FleetStatistics> fleetStatistics() {
        if (!(outbox instanceof SharedOutboxLog shared)) {
            return Optional.empty();
        }
        try {
            List<FleetCount> counts = shared.fleetCounts().get(FLEET_STATISTICS_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return counts == null ? Optional.empty() : Optional.of(FleetStatistics.of(counts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the fleet's statistics from " + outbox.location());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("the fleet's statistics could not be read from " + outbox.location() + ": "
                    + cause.getMessage(), cause);
        }
    }

    @Override
    public FeedbackReporter solveStatistics(io.captchafeedback.solve.SolveStatistics statistics) {
        solveTally.statistics(statistics);
        if (verdictReport != null) {
            verdictReport.solveStatistics(statistics);
        }
        return this;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (reporting.get() > 0) {
            Thread.onSpinWait();
        }
        long end = System.nanoTime() + config.closeTimeout().toNanos();
        while (active.get() - heldCount.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopped = true;
        scheduler.shutdownNow();
        List<Entry> left;
        synchronized (lock) {
            left = new ArrayList<>(pending.values());
        }
        int kept = 0;
        for (Entry e : left) {
            if (e.delivery.complete(new Delivery(DeliveryStatus.KEPT, "kept in the outbox: the reporter closed first",
                    e.attempts, Duration.ofNanos(System.nanoTime() - e.startNanos)))) {
                active.decrementAndGet();
            }
            kept++;
        }
        if (verdictReport != null) {
            try {
                verdictReport.close();
            } catch (RuntimeException e) {
                LOG.error("the verdict report could not be written to {}: {}", config.verdictReport(), e.toString());
            }
        }
        if (outbox != null) {
            outbox.close();
            if (kept > 0) {
                LOG.info("feedback reporter closed; {} undelivered feedbacks stay in the outbox {}", kept,
                        outbox.location());
            }
        }
    }
}
