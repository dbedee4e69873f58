package io.captchafeedback.report;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.report.spi.SharedOutbox;
import io.captchafeedback.report.spi.SharedOutboxFactory;
import io.captchafeedback.solve.SolveStatistics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Sends feedback about solved tasks to their providers, reliably and without ever blocking the caller.
 *
 * <p>{@link #report(SolvedTask, Verdict)} returns at once (or, with {@link CommitMode#SYNC}, once its record
 * is on disk). The feedback is appended to a durable outbox on local disk (forced to disk within the
 * {@link Builder#groupCommit group-commit interval} plus one disk sync; {@code report()} waits for its own
 * record when the writer falls behind), then sent asynchronously over pooled connections. Retryable
 * failures are retried with exponential backoff and jitter, honouring {@code Retry-After}, until the
 * provider's report window closes; what expires is dropped and counted. At most one feedback is sent per
 * (provider, task id), also across restarts: the attempt is on disk before a request goes out and the
 * done record before the report counts as decided; a request whose answer is unknown (a crash, a
 * connection lost after sending, a timeout) is repeated only to a provider that
 * {@link io.captchafeedback.provider.ProviderCapabilities#answersRepeats() answers repeats} "already
 * recorded" (which counts as delivered), and is otherwise {@link DeliveryStatus#UNCERTAIN}. While the
 * breaker of a (provider, site) is open its negative reports are {@link DeliveryStatus#HELD held} (see
 * {@link #release} and {@link #discard}). After a crash, the next reporter on the same outbox delivers
 * everything that was due and still within its window. The outbox stores provider ids, never API keys;
 * one reporter at a time holds it (a second gets {@link OutboxLockedException}). A fleet of reporters in
 * many processes shares one {@link io.captchafeedback.report.spi.SharedOutbox} instead
 * ({@link Builder#sharedOutbox}, or a {@code jdbc:postgresql:} URL with the {@code postgres-outbox}
 * module): a task's feedback is stored once fleet-wide and sent by the one worker holding its claim.
 *
 * <!-- java: given List<ProviderAdapter> adapters -->
 * <pre>{@code
 * try (FeedbackReporter reporter = FeedbackReporter.builder()
 *         .adapters(adapters)
 *         .outbox(Path.of("/var/lib/myapp/feedback-outbox"))
 *         .build()) {
 *     reporter.report(task, verdict);          // returns at once
 * }                                            // close() drains within closeTimeout
 * }</pre>
 *
 * <p>Thread-safe: one reporter serves every browser session on every thread.
 */
public interface FeedbackReporter extends AutoCloseable {

    /** The group-commit interval used when none is configured: 5 ms. */
    Duration DEFAULT_GROUP_COMMIT = Duration.ofMillis(5);

    /** The close timeout used when none is configured: 10 s. */
    Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** The connections a shared outbox opened by URL keeps, by default. */
    int DEFAULT_OUTBOX_POOL_SIZE = 4;

    /** The longest group-commit interval: 1 s. */
    Duration MAX_GROUP_COMMIT = Duration.ofSeconds(1);

    /** The longest close timeout: 1 day. */
    Duration MAX_CLOSE_TIMEOUT = Duration.ofDays(1);

    /** Starts a builder. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * The site a task's reports are counted and paused under ({@link ReporterStatistics#bySite()}, the
     * breaker, {@link #release}): the lower-cased host of its page URL, or {@code "unknown"}.
     *
     * <pre>{@code
     * reporter.release(task.providerId(), FeedbackReporter.siteOf(task));
     * }</pre>
     */
    static String siteOf(SolvedTask task) {
        if (task.pageUrl() == null) {
            return "unknown";
        }
        try {
            String host = URI.create(task.pageUrl()).getHost();
            return host == null ? "unknown" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    /**
     * Reports one verdict about one task and returns at once. Verdicts that send nothing
     * ({@code REJECTED_OTHER}, {@code UNKNOWN}, a report the provider does not take, an unknown provider,
     * a task already reported) complete at once with {@link DeliveryStatus#SKIPPED} or
     * {@link DeliveryStatus#DUPLICATE} and are counted.
     *
     * @throws IllegalStateException when the reporter is closed
     */
    ReportHandle report(SolvedTask task, Verdict verdict);

    /** A snapshot of this reporter's own counters (with a shared outbox: this worker's; see {@link #fleetStatistics()}). */
    ReporterStatistics statistics();

    /**
     * The figures of the whole fleet, read from a shared outbox ({@code postgres-outbox}): what every worker
     * decided and what waits now. Empty with the file outbox, in a dry run, or when the store keeps no
     * figures. Blocks while the store is read (at most 10 s; a large store takes longer to count), so call it
     * from a reporting job, not from an event handler.
     *
     * <pre>{@code
     * long delivered = reporter.fleetStatistics().map(f -> f.total().delivered()).orElse(0L);
     * }</pre>
     *
     * @throws IllegalStateException when the store cannot be read in time (the message names it)
     */
    default Optional<FleetStatistics> fleetStatistics() {
        return Optional.empty();
    }

    /**
     * How many feedbacks wait in the outbox for a decision: this reporter's with the file outbox, the
     * whole fleet's with a shared one (read from the store). -1 when unknown.
     */
    default long outboxDepth() {
        return -1;
    }

    /**
     * Shows a {@code Solver}'s figures per provider in {@link #statistics()} ({@link ReporterStatistics#solving()})
     * and in the verdict report this reporter writes, with the verdicts about the tokens it bought.
     *
     * <pre>{@code
     * reporter.solveStatistics(solver.statistics());
     * reporter.statistics().solving().get("capsolver").averageSolveTimeAccepted();
     * }</pre>
     *
     * @return this reporter
     * @throws UnsupportedOperationException when this reporter does not keep solve figures
     */
    default FeedbackReporter solveStatistics(SolveStatistics statistics) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no solve figures");
    }

    /**
     * Sends now the negative reports held for this (provider, site) by its open breaker (those past their
     * window expire, counted). Returns how many were held.
     */
    int release(String providerId, String site);

    /**
     * Drops the negative reports held for this (provider, site) by its open breaker: each completes as
     * {@link DeliveryStatus#SUPPRESSED}, counted, and is never sent. Returns how many were held.
     */
    int discard(String providerId, String site);

    /**
     * Sends now the negative report of one task held by an open breaker ({@code taskKey} is
     * {@code providerId/taskId}, as {@link io.captchafeedback.task.SolvedTask#key()}). Returns whether it was held.
     *
     * @throws UnsupportedOperationException when this reporter holds nothing per task
     */
    default boolean releaseTask(String taskKey) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " releases held reports per site only");
    }

    /**
     * Drops the held negative report of one task (completes as {@link DeliveryStatus#SUPPRESSED}, counted,
     * never sent). Returns whether it was held.
     *
     * @throws UnsupportedOperationException when this reporter holds nothing per task
     */
    default boolean discardTask(String taskKey) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " discards held reports per site only");
    }

    /**
     * Stops accepting reports, waits up to the close timeout for pending deliveries, then releases the
     * outbox. What was not delivered stays in the outbox and completes as {@link DeliveryStatus#KEPT}.
     * A request still in flight when the timeout passes may yet reach the provider; the next start then
     * sends it again and the provider's "already recorded" answer counts as delivered. Idempotent.
     */
    @Override
    void close();

    /**
     * What {@link Builder#verdictReport(Path)} plugs into a reporter: it is given every reported verdict with
     * its handle and the solver's statistics, and is closed once the reporter has closed (every report is
     * then decided, kept or held). The verdict report ({@code io.captchafeedback.verdictreport}, in plugin-core)
     * provides the {@link Factory} through {@link java.util.ServiceLoader}, so that delivery does not depend on
     * the report it feeds. For that package, not for users: record verdicts with {@code VerdictReport} instead.
     *
     * <!-- java: given VerdictRecorder.Factory factory -->
     * <pre>{@code
     * import io.captchafeedback.report.FeedbackReporter.VerdictRecorder;
     * import java.time.Clock;
     *
     * VerdictRecorder recorder = factory.open(Path.of("build/captcha-feedback"), Clock.systemUTC());
     * recorder.record(task, verdict, reporter.report(task, verdict));
     * recorder.close(); // writes the report
     * }</pre>
     *
     * <p>Implementations are thread-safe; {@link #record} is called on the reporting thread and must not block.
     */
    interface VerdictRecorder {
        /** Records one reported verdict; its delivery is read from {@code handle} when it completes. */
        void record(SolvedTask task, Verdict verdict, ReportHandle handle);

        /** Shows a {@code Solver}'s figures with the verdicts about its tokens (see {@link FeedbackReporter#solveStatistics}). */
        void solveStatistics(SolveStatistics statistics);

        /** Writes what was recorded; called once, after the reporter closed. Errors are logged, not thrown. */
        void close();

        /** Opens a recorder writing into {@code dir} on close, with {@code clock} for its time stamps. */
        interface Factory {
            /** A recorder for one reporter. */
            VerdictRecorder open(Path dir, Clock clock);
        }
    }

    /**
     * Builds a {@link FeedbackReporter}; not thread-safe. Adapters ({@link #adapters} or {@link #registry}) are required.
     */
    final class Builder {
        private final Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
        private Path outbox;
        private Duration groupCommit = DEFAULT_GROUP_COMMIT;
        private CommitMode commitMode = CommitMode.GROUP;
        private RetryPolicy retry = RetryPolicy.defaults();
        private BreakerPolicy breaker = BreakerPolicy.defaults();
        private ReportListener listener = ReportListener.NONE;
        private boolean dryRun;
        private Clock clock = Clock.systemUTC();
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private int maxConcurrency = 64;
        private long compactAfterBytes = 8L << 20;
        private Path verdictReport;
        private SharedOutbox sharedOutbox;
        private String outboxUrl;
        private String outboxUser;
        private String outboxPassword;
        private int outboxPoolSize = DEFAULT_OUTBOX_POOL_SIZE;

        Builder() {
        }

        /** The adapters, one per provider id (a later adapter with the same id replaces an earlier one). */
        public Builder adapters(Collection<? extends ProviderAdapter> adapters) {
            Objects.requireNonNull(adapters, "adapters == null");
            for (ProviderAdapter adapter : adapters) {
                Objects.requireNonNull(adapter, "adapter == null");
                this.adapters.put(Objects.requireNonNull(adapter.id(), "adapter.id() == null"), adapter);
            }
            return this;
        }

        /** Every adapter of a registry (the registry stays the caller's to close, after the reporter). */
        public Builder registry(ProviderRegistry registry) {
            Objects.requireNonNull(registry, "registry == null");
            for (String id : registry.ids()) {
                registry.adapter(id).ifPresent(adapter -> this.adapters.put(id, adapter));
            }
            return this;
        }

        /**
         * The outbox directory (created if missing). Default: {@code ~/.captcha-feedback/outbox}.
         * Each reporter needs its own.
         */
        public Builder outbox(Path dir) {
            this.outbox = Objects.requireNonNull(dir, "dir == null");
            this.outboxUrl = null; // the later choice wins
            return this;
        }

        /**
         * An outbox shared by a fleet of reporters in many processes, such as {@code PostgresOutbox} of the
         * {@code postgres-outbox} module on the user's pooled {@code DataSource}, instead of the outbox
         * directory. The reporter closes it.
         */
        public Builder sharedOutbox(SharedOutbox outbox) {
            this.sharedOutbox = Objects.requireNonNull(outbox, "outbox == null");
            return this;
        }

        /**
         * A shared outbox by URL ({@code jdbc:postgresql://db:5432/app}), opened by the
         * {@link SharedOutboxFactory} on the class path that accepts it; {@code user} and {@code password}
         * may be {@code null}, the password is never stored. {@code poolSize}: connections it keeps.
         */
        public Builder outbox(String url, String user, String password, int poolSize) {
            this.outboxUrl = Objects.requireNonNull(url, "url == null");
            this.outbox = null;
            if (poolSize < 1 || poolSize > 1_000) {
                throw new IllegalArgumentException("poolSize must be 1 to 1000, got " + poolSize);
            }
            this.outboxUser = user;
            this.outboxPassword = password;
            this.outboxPoolSize = poolSize;
            return this;
        }

        /**
         * The longest time a reported verdict waits before the outbox is forced to disk: records that
         * arrive within this interval are forced together, so a record is on disk within the interval
         * plus one disk sync. {@link Duration#ZERO} forces as soon as the previous force is done (each
         * force still covers everything queued by then). Default {@link #DEFAULT_GROUP_COMMIT} (5 ms).
         * When the disk cannot keep up, at most 16,384 records wait and {@code report()} blocks until
         * there is room (backpressure). The first request of a report waits for its attempt record, so
         * this interval is also the added delay before sending.
         */
        public Builder groupCommit(Duration interval) {
            Objects.requireNonNull(interval, "interval == null");
            if (interval.isNegative() || interval.compareTo(MAX_GROUP_COMMIT) > 0) {
                throw new IllegalArgumentException("groupCommit must be from 0 to 1s: " + interval);
            }
            this.groupCommit = interval;
            return this;
        }

        /**
         * Whether {@code report()} returns at once ({@link CommitMode#GROUP}, the default) or only once its
         * record is on disk ({@link CommitMode#SYNC}).
         */
        public Builder commitMode(CommitMode mode) {
            this.commitMode = Objects.requireNonNull(mode, "mode == null");
            return this;
        }

        /** How retryable failures are retried. Default {@link RetryPolicy#defaults()}. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry == null");
            return this;
        }

        /** The breaker against false complaints. Default {@link BreakerPolicy#defaults()}. */
        public Builder breaker(BreakerPolicy breaker) {
            this.breaker = Objects.requireNonNull(breaker, "breaker == null");
            return this;
        }

        /** The listener (combine several yourself). Default {@link ReportListener#NONE}. */
        public Builder listener(ReportListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /**
         * Dry-run mode: every feedback is logged (and given to {@link ReportListener#onDryRun}) instead
         * of sent, and nothing is written to disk.
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** The clock for report windows and retention (tests). Default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** How long {@link FeedbackReporter#close()} waits for pending deliveries. Default 10 s. */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout == null");
            if (timeout.isNegative() || timeout.compareTo(MAX_CLOSE_TIMEOUT) > 0) {
                throw new IllegalArgumentException("closeTimeout must be from 0 to 1d: " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** The most feedback requests in flight per provider. Default 64. */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1: " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * Records every reported verdict and what became of it, and writes the verdict report
         * ({@code io.captchafeedback.verdictreport.VerdictReport}: {@code verdict-report.json} and
         * {@code verdict-report.html}) into {@code dir} when the reporter closes. Default: no report. The
         * reporter finds the report through {@link VerdictRecorder.Factory}; {@link #build()} fails with a plain
         * message when a repackaged jar lost plugin-core's service file.
         */
        public Builder verdictReport(Path dir) {
            this.verdictReport = Objects.requireNonNull(dir, "dir == null");
            return this;
        }

        /** The smallest log size that triggers a compaction (tests; default 8 MiB). */
        Builder compactAfter(long bytes) {
            this.compactAfterBytes = bytes;
            return this;
        }

        /**
         * Opens the outbox, replays it (scheduling what is still due) and starts the reporter.
         *
         * @throws IllegalStateException when no adapter was given
         * @throws OutboxLockedException when another reporter holds the outbox
         * @throws java.io.UncheckedIOException when the outbox cannot be opened
         */
        public FeedbackReporter build() {
            if (adapters.isEmpty()) {
                throw new IllegalStateException("no provider adapters: call adapters(...)");
            }
            Path dir = outbox != null ? outbox
                    : Path.of(System.getProperty("user.home"), ".captcha-feedback", "outbox");
            SharedOutbox shared = sharedOutbox;
            if (shared == null && outboxUrl != null && !dryRun) {
                shared = openShared(outboxUrl, outboxUser, outboxPassword, outboxPoolSize);
            }
            try {
                return DefaultFeedbackReporter.open(new ReporterConfig(Map.copyOf(adapters), dir, groupCommit, commitMode,
                        retry, breaker, listener, dryRun, clock, closeTimeout, maxConcurrency, compactAfterBytes,
                        verdictReport, shared));
            } catch (RuntimeException e) {
                if (shared != null) {
                    shared.close();
                }
                throw e;
            }
        }

        private static SharedOutbox openShared(String url, String user, String password, int poolSize) {
            for (SharedOutboxFactory factory : ServiceLoader.load(SharedOutboxFactory.class,
                    FeedbackReporter.class.getClassLoader())) {
                if (factory.accepts(url)) {
                    return factory.open(url, user, password, poolSize);
                }
            }
            String scheme = url.indexOf(':', 5) > 0 ? url.substring(0, url.indexOf(':', 5)) : url;
            throw new IllegalStateException("no outbox module on the class path opens " + scheme + " URLs: add "
                    + "io.captchafeedback:postgres-outbox for jdbc:postgresql (or give a directory for the file outbox)");
        }
    }
}
