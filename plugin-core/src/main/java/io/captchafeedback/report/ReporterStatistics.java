package io.captchafeedback.report;

import io.captchafeedback.solve.SolveFigures;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a reporter's counters, in total, per provider id and per site (the host of the
 * task's page URL, or {@code "unknown"}).
 *
 * <pre>{@code
 * ReporterStatistics stats = reporter.statistics();
 * stats.byProvider().get("ucaptcha").delivered();
 * stats.bySite().get("shop.example").rejected();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param total counters over everything
 * @param byProvider counters per provider id
 * @param bySite counters per site
 * @param solving per provider, the figures of the {@code Solver} whose statistics were attached with
 *     {@link FeedbackReporter#solveStatistics} and the verdicts about the tokens it bought; empty otherwise
 */
public record ReporterStatistics(Counts total, Map<String, Counts> byProvider, Map<String, Counts> bySite,
        Map<String, SolveFigures> solving) {

    public ReporterStatistics {
        Objects.requireNonNull(total, "total == null");
        byProvider = Map.copyOf(byProvider);
        bySite = Map.copyOf(bySite);
        solving = Map.copyOf(solving == null ? Map.of() : solving);
    }

    /** Statistics without solve figures. */
    public ReporterStatistics(Counts total, Map<String, Counts> byProvider, Map<String, Counts> bySite) {
        this(total, byProvider, bySite, Map.of());
    }

    /**
     * Counters of one provider, one site or everything.
     *
     * @param accepted verdicts reported as accepted by the site
     * @param rejected verdicts reported as a rejected captcha
     * @param delivered feedbacks the provider has (including "already recorded")
     * @param failed feedbacks refused for good (and refused keys)
     * @param expired feedbacks whose window closed before delivery
     * @param skipped verdicts that sent nothing (including duplicates)
     * @param suppressed negative reports discarded while held by an open breaker
     * @param retried retry attempts scheduled
     * @param held negative reports held because their breaker was open (each is later sent, expires or is
     *     discarded, and counted there too)
     * @param uncertain reports whose request went out without an answer, not sent again (see
     *     {@link DeliveryStatus#UNCERTAIN})
     * @param latencyP50 median time from {@code report()} to the provider's final answer
     * @param latencyP99 99th percentile of the same
     * @param latencyMax maximum of the same
     */
    public record Counts(long accepted, long rejected, long delivered, long failed, long expired, long skipped,
            long suppressed, long retried, long held, long uncertain, Duration latencyP50, Duration latencyP99,
            Duration latencyMax) {

        /** All zero. */
        public static final Counts EMPTY =
                new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        public Counts {
            Objects.requireNonNull(latencyP50, "latencyP50 == null");
            Objects.requireNonNull(latencyP99, "latencyP99 == null");
            Objects.requireNonNull(latencyMax, "latencyMax == null");
        }
    }
}
