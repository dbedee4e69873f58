package io.captchafeedback.report;

/**
 * When {@link FeedbackReporter#report} returns relative to the outbox write of its record.
 *
 * <pre>{@code
 * FeedbackReporter.Builder builder = FeedbackReporter.builder()
 *         .commitMode(CommitMode.SYNC);   // report() returns once the record is on disk
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum CommitMode {
    /**
     * {@code report()} returns at once; the record is forced to disk within the group-commit interval plus
     * one disk sync (the default). A crash in that gap loses the report.
     */
    GROUP,
    /**
     * {@code report()} returns only once its record is on disk; the writer forces as soon as the previous
     * force is done (the group-commit interval is not waited for) and concurrent callers share each disk
     * sync. Nothing that returned is lost by a crash.
     */
    SYNC
}
