/**
 * Reliable, asynchronous delivery of feedback to the solving providers: the
 * {@link io.captchafeedback.report.FeedbackReporter} with its durable outbox, retries with backoff,
 * per-site breaker against false complaints, statistics and listener; and the
 * {@link io.captchafeedback.report.VerdictReport} (JSON + self-contained HTML) of what was decided and sent.
 *
 * <p>Public types are {@code FeedbackReporter} (and its builder), {@code ReportHandle},
 * {@code DeliveryStatus}, {@code Delivery}, {@code VerdictReport}, {@code RetryPolicy}, {@code BreakerPolicy}, {@code ReportListener},
 * {@code ReporterStatistics} and {@code OutboxLockedException}; the rest is package-private.
 */
package io.captchafeedback.report;
