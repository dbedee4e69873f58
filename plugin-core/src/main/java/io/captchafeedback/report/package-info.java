/**
 * Reliable, asynchronous delivery of feedback to the solving providers: the
 * {@link io.captchafeedback.report.FeedbackReporter} with its durable outbox, retries with backoff,
 * per-site breaker against false complaints, statistics and listener. The per-run verdict report (JSON +
 * self-contained HTML) lives in {@code io.captchafeedback.verdictreport}, which reads this package's public
 * types; this package does not depend on it.
 *
 * <p>Public types are {@code FeedbackReporter} (and its builder), {@code ReportHandle},
 * {@code DeliveryStatus}, {@code Delivery}, {@code RetryPolicy}, {@code BreakerPolicy}, {@code ReportListener},
 * {@code ReporterStatistics}, {@code FleetStatistics}, {@code OutboxEntry}, {@code CommitMode} and
 * {@code OutboxLockedException}; the rest is package-private, or shared with the verdict report in
 * {@code io.captchafeedback.report.internal}.
 *
 * <pre>{@code
 * try (FeedbackReporter reporter = FeedbackReporter.builder().registry(registry).build()) {
 *     DeliveryStatus status = reporter.report(task, verdict).result().join();
 * }
 * }</pre>
 *
 * <p>Thread-safe: one reporter serves every session on every thread.
 */
package io.captchafeedback.report;
