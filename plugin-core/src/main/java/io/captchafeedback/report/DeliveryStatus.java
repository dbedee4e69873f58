package io.captchafeedback.report;

/**
 * What finally became of one {@link FeedbackReporter#report reported} verdict.
 *
 * <pre>{@code
 * DeliveryStatus status = reporter.report(task, verdict).result().get(1, TimeUnit.MINUTES);
 * if (status.isDelivered()) {
 *     // ...
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum DeliveryStatus {
    /** The provider recorded the feedback. */
    DELIVERED,
    /** The provider already had feedback for this task; counts as delivered. */
    ALREADY_RECORDED,
    /** The provider refused the feedback for good (unknown task, invalid data, not recorded). */
    REFUSED,
    /** The provider's report window (or the retry policy's maximum duration) closed first. */
    EXPIRED,
    /** Nothing was to be sent: the verdict calls for no feedback, or the provider takes no such report. */
    SKIPPED,
    /**
     * A negative report not sent because of the breaker: discarded by
     * {@link FeedbackReporter#discard(String, String)} while held.
     */
    SUPPRESSED,
    /**
     * A negative report that was held while the breaker of its (provider, site) was open. A handle never
     * completes with it: a held report completes once it is released (sent or expired) or discarded.
     * It is the status the statistics, the listener and the verdict report show meanwhile.
     */
    HELD,
    /**
     * A request went out but its answer never came back (a crash, a connection lost after sending): the
     * provider may have recorded it. It is not sent again, because the provider documents no answer to a
     * repeated report ({@link io.captchafeedback.provider.ProviderCapabilities#answersRepeats()}).
     */
    UNCERTAIN,
    /** Feedback for this (provider, task) was already reported before (in this run or an earlier one). */
    DUPLICATE,
    /** Dry-run mode: logged instead of sent. */
    DRY_RUN,
    /**
     * Not delivered yet and kept in the outbox for the next start: the reporter was closed before
     * delivery, or the provider was disabled because its key was refused.
     */
    KEPT;

    /** Whether the provider has the feedback. */
    public boolean isDelivered() {
        return this == DELIVERED || this == ALREADY_RECORDED;
    }
}
