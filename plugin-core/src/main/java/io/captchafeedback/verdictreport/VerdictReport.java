package io.captchafeedback.verdictreport;

import io.captchafeedback.report.Delivery;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportHandle;
import io.captchafeedback.report.internal.LatencyHistogram;
import io.captchafeedback.report.internal.SolveTally;
import io.captchafeedback.solve.SolveFigures;
import io.captchafeedback.solve.SolveStatistics;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of verdicts and what became of their feedback, written as a report: JSON for machines
 * ({@value #JSON_FILE}) and a self-contained HTML page for people ({@value #HTML_FILE}) with the
 * acceptance rate per provider and per site, the delivery figures and each verdict's evidence. The
 * page needs no network and no script to be read.
 *
 * <p>Fed by a {@link FeedbackReporter} built with {@link FeedbackReporter.Builder#verdictReport(Path)}
 * (written when it closes), by the JUnit extensions at the end of a run, or by hand:
 *
 * <pre>{@code
 * VerdictReport report = VerdictReport.create();
 * feedback.onVerdict(v -> report.record(v.task(), v.verdict(), v.report()));
 * // ... run the flows
 * VerdictReport.Written files = report.write(Path.of("target/captcha-feedback"));
 * System.out.println("report: " + files.html().toUri());
 * }</pre>
 *
 * <p>Counts cover every recorded verdict; the details of the most recent {@link #DEFAULT_MAX_VERDICTS}
 * (or the configured number) are kept, so a long-running process does not grow without bound. Neither
 * API keys nor tokens are recorded. Thread-safe: verdicts may be recorded from any thread while a
 * report is written.
 */
public final class VerdictReport {
    /** The name of the JSON file {@link #write(Path)} writes. */
    public static final String JSON_FILE = "verdict-report.json";
    /** The name of the HTML file {@link #write(Path)} writes. */
    public static final String HTML_FILE = "verdict-report.html";
    /** How many verdicts are kept in detail unless told otherwise. */
    public static final int DEFAULT_MAX_VERDICTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(VerdictReport.class);

    private final int maxVerdicts;
    private final Clock clock;
    private final Object lock = new Object();
    /** The most recent verdicts in recorded order (guarded by {@link #lock}). */
    private final ArrayDeque<Recorded> recent = new ArrayDeque<>();
    private final Tally total = new Tally();
    private final Map<String, Tally> byProvider = new TreeMap<>();
    private final Map<String, Tally> bySite = new TreeMap<>();
    private long omitted;
    /** The verdicts about tokens a {@code Solver} bought, when its statistics are attached. */
    private final SolveTally solveTally = new SolveTally();

    private VerdictReport(int maxVerdicts, Clock clock) {
        this.maxVerdicts = maxVerdicts;
        this.clock = clock;
    }

    /** A report keeping the details of the last {@value #DEFAULT_MAX_VERDICTS} verdicts. */
    public static VerdictReport create() {
        return create(DEFAULT_MAX_VERDICTS);
    }

    /**
     * A report keeping the details of the last {@code maxVerdicts} verdicts (counts cover all).
     *
     * @throws IllegalArgumentException when {@code maxVerdicts} is not positive
     */
    public static VerdictReport create(int maxVerdicts) {
        return create(maxVerdicts, Clock.systemUTC());
    }

    static VerdictReport create(int maxVerdicts, Clock clock) {
        if (maxVerdicts < 1) {
            throw new IllegalArgumentException("maxVerdicts must be at least 1: " + maxVerdicts);
        }
        return new VerdictReport(maxVerdicts, Objects.requireNonNull(clock, "clock == null"));
    }

    /**
     * Shows the solver's figures per provider in this report ({@link #solving()}, the JSON's {@code solving}
     * and the HTML's "Solving" section), with how the sites took the tokens it solved. Verdicts recorded
     * from now on are matched to their solve time.
     *
     * @return this report
     */
    public VerdictReport solveStatistics(SolveStatistics statistics) {
        solveTally.statistics(statistics);
        return this;
    }

    /** The solver's figures per provider with the verdicts about its tokens; empty without {@link #solveStatistics}. */
    public Map<String, SolveFigures> solving() {
        return solveTally.figures();
    }

    /** Records a verdict and the handle of its report; the delivery is filled in when the handle completes. */
    public void record(SolvedTask task, Verdict verdict, ReportHandle handle) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(verdict, "verdict == null");
        Objects.requireNonNull(handle, "handle == null");
        record(task, verdict, handle.delivery(), handle::held);
    }

    /**
     * Records a verdict read back from a store (such as the shared outbox of a fleet) whose delivery is
     * known; {@code delivery} is {@code null} while it is undecided.
     */
    public void record(SolvedTask task, Verdict verdict, Delivery delivery) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(verdict, "verdict == null");
        record(task, verdict, delivery == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(delivery),
                () -> false);
    }

    /** Records a verdict whose delivery completes {@code delivery}; {@code held}: whether a breaker holds it now. */
    private void record(SolvedTask task, Verdict verdict, CompletableFuture<Delivery> delivery, BooleanSupplier held) {
        Recorded r = new Recorded(task, verdict, FeedbackReporter.siteOf(task), held);
        synchronized (lock) {
            recent.addLast(r);
            if (recent.size() > maxVerdicts) {
                recent.removeFirst();
                omitted++;
            }
            for (Tally t : tallies(r)) {
                t.verdict(verdict.outcome());
            }
        }
        solveTally.record(task, verdict.outcome());
        delivery.thenAccept(d -> delivered(r, d));
    }

    private void delivered(Recorded r, Delivery d) {
        synchronized (lock) {
            r.delivery = d;
            for (Tally t : tallies(r)) {
                t.delivery(d);
            }
        }
    }

    private List<Tally> tallies(Recorded r) {
        return List.of(total, byProvider.computeIfAbsent(r.task.providerId(), k -> new Tally()),
                bySite.computeIfAbsent(r.site, k -> new Tally()));
    }

    /** What the report holds now. */
    public Snapshot snapshot() {
        synchronized (lock) {
            List<Entry> entries = new ArrayList<>(recent.size());
            // held reports are counted among the recent ones (their delivery is not decided yet)
            Map<String, Long> heldByProvider = new TreeMap<>();
            Map<String, Long> heldBySite = new TreeMap<>();
            long held = 0;
            for (Recorded r : recent) {
                entries.add(r.entry());
                if (r.delivery == null && r.held.getAsBoolean()) {
                    held++;
                    heldByProvider.merge(r.task.providerId(), 1L, Long::sum);
                    heldBySite.merge(r.site, 1L, Long::sum);
                }
            }
            Map<String, Counts> providers = new TreeMap<>();
            byProvider.forEach((k, v) -> providers.put(k, v.counts(heldByProvider.getOrDefault(k, 0L))));
            Map<String, Counts> sites = new TreeMap<>();
            bySite.forEach((k, v) -> sites.put(k, v.counts(heldBySite.getOrDefault(k, 0L))));
            return new Snapshot(clock.instant(), total.counts(held), providers, sites, entries, omitted);
        }
    }

    /** The report as JSON. */
    public String toJson() {
        return VerdictReportJson.render(snapshot(), solving());
    }

    /** The report as a self-contained HTML page. */
    public String toHtml() {
        return VerdictReportHtml.render(snapshot(), solving());
    }

    /** A snapshot (for example read back from {@value #JSON_FILE}) as the same self-contained HTML page. */
    public static String toHtml(Snapshot snapshot) {
        return VerdictReportHtml.render(java.util.Objects.requireNonNull(snapshot, "snapshot == null"));
    }

    /**
     * Writes {@value #JSON_FILE} and {@value #HTML_FILE} into {@code dir} (created if missing), each
     * replaced atomically where the file system allows, both from the same snapshot.
     *
     * @throws UncheckedIOException when a file cannot be written; the message names it
     */
    public Written write(Path dir) {
        Objects.requireNonNull(dir, "dir == null");
        Snapshot snapshot = snapshot();
        Path json = dir.resolve(JSON_FILE);
        Path html = dir.resolve(HTML_FILE);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the verdict report directory " + dir.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        Map<String, SolveFigures> solving = solving();
        writeAtomically(json, VerdictReportJson.render(snapshot, solving));
        writeAtomically(html, VerdictReportHtml.render(snapshot, solving));
        LOG.info("verdict report ({} verdicts) written to {}", snapshot.total().verdicts(), html.toAbsolutePath());
        return new Written(json, html);
    }

    private static void writeAtomically(Path file, String content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verdict report " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "VerdictReport[" + total.verdicts + " verdicts, " + recent.size() + " kept in detail]";
        }
    }

    /**
     * The verdict report of a reporter built with {@link FeedbackReporter.Builder#verdictReport(Path)}: found by
     * the reporter through {@link java.util.ServiceLoader}, so that delivery does not depend on this package. For
     * the reporter, not for users (record verdicts with {@link #create()} and {@link #record} instead).
     *
     * <pre>{@code
     * FeedbackReporter reporter = FeedbackReporter.builder().registry(registry).verdictReport(dir).build();
     * }</pre>
     *
     * <p>Thread-safe, like the report it fills.
     */
    public static final class ForReporter implements FeedbackReporter.VerdictRecorder.Factory {

        /** The instance {@link java.util.ServiceLoader} makes. */
        public ForReporter() {
        }

        @Override
        public FeedbackReporter.VerdictRecorder open(Path dir, Clock clock) {
            Objects.requireNonNull(dir, "dir == null");
            VerdictReport report = create(DEFAULT_MAX_VERDICTS, clock);
            return new FeedbackReporter.VerdictRecorder() {
                @Override
                public void record(SolvedTask task, Verdict verdict, ReportHandle handle) {
                    report.record(task, verdict, handle);
                }

                @Override
                public void solveStatistics(SolveStatistics statistics) {
                    report.solveStatistics(statistics);
                }

                @Override
                public void close() {
                    try {
                        report.write(dir);
                    } catch (UncheckedIOException e) {
                        LOG.error("{}", e.getMessage());
                    }
                }
            };
        }
    }

    /** The files {@link #write(Path)} wrote. */
    public record Written(Path json, Path html) {
        public Written {
            Objects.requireNonNull(json, "json == null");
            Objects.requireNonNull(html, "html == null");
        }
    }

    /**
     * Everything a report shows, at one moment. Immutable.
     *
     * @param generatedAt when the snapshot was taken
     * @param total counts over every recorded verdict
     * @param byProvider counts per provider id, sorted by id
     * @param bySite counts per site (the host of the page URL, or {@code unknown}), sorted
     * @param verdicts the most recent verdicts in the order they were recorded
     * @param omitted how many older verdicts are counted but no longer kept in detail
     */
    public record Snapshot(Instant generatedAt, Counts total, Map<String, Counts> byProvider,
            Map<String, Counts> bySite, List<Entry> verdicts, long omitted) {
        public Snapshot {
            Objects.requireNonNull(generatedAt, "generatedAt == null");
            Objects.requireNonNull(total, "total == null");
            byProvider = java.util.Collections.unmodifiableMap(new TreeMap<>(byProvider));
            bySite = java.util.Collections.unmodifiableMap(new TreeMap<>(bySite));
            verdicts = List.copyOf(verdicts);
        }
    }

    /**
     * One verdict in the report.
     *
     * @param provider the provider id
     * @param taskId the provider's task id
     * @param type the captcha type
     * @param site the host of the page, or {@code unknown}
     * @param pageUrl the page URL, or {@code null} when unknown
     * @param outcome the verdict
     * @param rule the rule that decided it
     * @param feedbackCode the feedback code the rule gave, or {@code null}
     * @param evidence what the rule saw
     * @param decidedAt when it was decided
     * @param delivery what became of its feedback, or {@code null} while the report is still under way
     */
    public record Entry(String provider, String taskId, CaptchaType type, String site, String pageUrl, Outcome outcome,
            String rule, String feedbackCode, List<Evidence.Observation> evidence, Instant decidedAt, Delivery delivery) {
        public Entry {
            Objects.requireNonNull(provider, "provider == null");
            Objects.requireNonNull(taskId, "taskId == null");
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(site, "site == null");
            Objects.requireNonNull(outcome, "outcome == null");
            Objects.requireNonNull(rule, "rule == null");
            evidence = List.copyOf(evidence);
            Objects.requireNonNull(decidedAt, "decidedAt == null");
        }
    }

    /**
     * Counts of one provider, one site or everything.
     *
     * @param verdicts verdicts recorded
     * @param accepted verdicts {@code ACCEPTED}
     * @param rejectedCaptcha verdicts {@code REJECTED_CAPTCHA} (the token was refused)
     * @param rejectedOther verdicts {@code REJECTED_OTHER} (refused, but not for the captcha)
     * @param unknown verdicts {@code UNKNOWN}
     * @param deliveries decided reports by status, and {@link DeliveryStatus#HELD} for the recent reports held
     *     by an open breaker (not decided yet: they are also counted in {@code pending})
     * @param pending reports not decided yet
     * @param latencyP50 median time from {@code report()} to the provider's answer, over reports that sent a request
     * @param latencyP99 99th percentile of the same
     */
    public record Counts(long verdicts, long accepted, long rejectedCaptcha, long rejectedOther, long unknown,
            Map<DeliveryStatus, Long> deliveries, long pending, Duration latencyP50, Duration latencyP99) {
        public Counts {
            EnumMap<DeliveryStatus, Long> copy = new EnumMap<>(DeliveryStatus.class);
            copy.putAll(deliveries);
            deliveries = java.util.Collections.unmodifiableMap(copy);
            Objects.requireNonNull(latencyP50, "latencyP50 == null");
            Objects.requireNonNull(latencyP99, "latencyP99 == null");
        }

        /**
         * Accepted among the verdicts about the captcha: {@code accepted / (accepted + rejectedCaptcha)};
         * empty when there is none. Rejections for other reasons do not count against the provider.
         */
        public OptionalDouble acceptanceRate() {
            long judged = accepted + rejectedCaptcha;
            return judged == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) accepted / judged);
        }

        /** Reports with this status (0 when none). */
        public long count(DeliveryStatus status) {
            return deliveries.getOrDefault(status, 0L);
        }

        /** Reports the provider has: delivered now or already recorded before. */
        public long delivered() {
            return count(DeliveryStatus.DELIVERED) + count(DeliveryStatus.ALREADY_RECORDED);
        }
    }

    /** A recorded verdict; {@link #delivery} is guarded by the report's lock. */
    private static final class Recorded {
        final SolvedTask task;
        final Verdict verdict;
        final String site;
        /** Whether an open breaker holds its report now ({@link ReportHandle#held()}). */
        final BooleanSupplier held;
        Delivery delivery;

        Recorded(SolvedTask task, Verdict verdict, String site, BooleanSupplier held) {
            this.task = task;
            this.verdict = verdict;
            this.site = site;
            this.held = held;
        }

        Entry entry() {
            Evidence e = verdict.evidence();
            Delivery shown = delivery == null && held.getAsBoolean()
                    ? new Delivery(DeliveryStatus.HELD, "held in the outbox: the breaker of " + site + " is open", 0, Duration.ZERO)
                    : delivery;
            return new Entry(task.providerId(), task.taskId(), task.type(), site, task.pageUrl(), verdict.outcome(),
                    e.rule(), verdict.feedbackCode(), e.observations(), e.decidedAt(), shown);
        }
    }

    /** Running counts of one key (guarded by the report's lock). */
    private static final class Tally {
        long verdicts;
        final long[] outcomes = new long[Outcome.values().length];
        final EnumMap<DeliveryStatus, Long> deliveries = new EnumMap<>(DeliveryStatus.class);
        long decided;
        final LatencyHistogram latency = new LatencyHistogram();

        void verdict(Outcome outcome) {
            verdicts++;
            outcomes[outcome.ordinal()]++;
        }

        void delivery(Delivery d) {
            decided++;
            deliveries.merge(d.status(), 1L, Long::sum);
            if (d.attempts() > 0) {
                latency.record(d.latency().toNanos());
            }
        }

        /** The counts, with {@code held} of the undecided reports shown as {@link DeliveryStatus#HELD}. */
        Counts counts(long held) {
            EnumMap<DeliveryStatus, Long> withHeld = new EnumMap<>(deliveries);
            if (held > 0) {
                withHeld.put(DeliveryStatus.HELD, held);
            }
            return new Counts(verdicts, outcomes[Outcome.ACCEPTED.ordinal()], outcomes[Outcome.REJECTED_CAPTCHA.ordinal()],
                    outcomes[Outcome.REJECTED_OTHER.ordinal()], outcomes[Outcome.UNKNOWN.ordinal()], withHeld,
                    verdicts - decided, latency.percentile(0.5), latency.percentile(0.99));
        }
    }
}
