package io.captchafeedback.report;

import io.captchafeedback.report.spi.FleetCount;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The figures of a whole fleet of reporters sharing one outbox, read from the store by
 * {@link FeedbackReporter#fleetStatistics()}: what every worker decided, in total, per provider id and
 * per site, and what waits for a decision now. {@link FeedbackReporter#statistics()} stays this worker's
 * own counters (verdicts, retries, latency), which the store does not keep.
 *
 * <pre>{@code
 * reporter.fleetStatistics().ifPresent(fleet ->
 *         log.info("fleet: {} delivered, {} pending", fleet.total().delivered(), fleet.total().pending()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param total figures over the whole fleet
 * @param byProvider figures per provider id
 * @param bySite figures per site
 */
public record FleetStatistics(Counts total, Map<String, Counts> byProvider, Map<String, Counts> bySite) {

    public FleetStatistics {
        Objects.requireNonNull(total, "total == null");
        byProvider = Map.copyOf(byProvider);
        bySite = Map.copyOf(bySite);
    }

    /**
     * Figures of one provider, one site or the whole fleet.
     *
     * @param delivered feedbacks the provider has (including "already recorded")
     * @param refused feedbacks the provider refused for good
     * @param expired feedbacks whose window closed before delivery
     * @param held negative reports that an open breaker held (each is also counted where it ended)
     * @param uncertain feedbacks whose request went out without an answer, not sent again
     * @param suppressed negative reports discarded while held by an open breaker
     * @param skipped feedbacks decided without a request (the provider takes no such report)
     * @param pending feedbacks stored and waiting for a decision now
     */
    public record Counts(long delivered, long refused, long expired, long held, long uncertain, long suppressed,
            long skipped, long pending) {

        /** All zero. */
        public static final Counts EMPTY = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        Counts plus(String status, long n) {
            return switch (status) {
                case "DELIVERED", "ALREADY_RECORDED" -> new Counts(delivered + n, refused, expired, held, uncertain,
                        suppressed, skipped, pending);
                case "REFUSED" -> new Counts(delivered, refused + n, expired, held, uncertain, suppressed, skipped, pending);
                case "EXPIRED" -> new Counts(delivered, refused, expired + n, held, uncertain, suppressed, skipped, pending);
                case FleetCount.HELD -> new Counts(delivered, refused, expired, held + n, uncertain, suppressed, skipped,
                        pending);
                case "UNCERTAIN" -> new Counts(delivered, refused, expired, held, uncertain + n, suppressed, skipped,
                        pending);
                case "SUPPRESSED" -> new Counts(delivered, refused, expired, held, uncertain, suppressed + n, skipped,
                        pending);
                case FleetCount.PENDING -> new Counts(delivered, refused, expired, held, uncertain, suppressed, skipped,
                        pending + n);
                default -> new Counts(delivered, refused, expired, held, uncertain, suppressed, skipped + n, pending);
            };
        }
    }

    /** Adds up the store's figures. */
    static FleetStatistics of(List<FleetCount> counts) {
        Counts total = Counts.EMPTY;
        Map<String, Counts> providers = new TreeMap<>();
        Map<String, Counts> sites = new TreeMap<>();
        for (FleetCount c : counts) {
            total = total.plus(c.status(), c.count());
            providers.put(c.providerId(), providers.getOrDefault(c.providerId(), Counts.EMPTY).plus(c.status(), c.count()));
            sites.put(c.site(), sites.getOrDefault(c.site(), Counts.EMPTY).plus(c.status(), c.count()));
        }
        return new FleetStatistics(total, providers, sites);
    }
}
