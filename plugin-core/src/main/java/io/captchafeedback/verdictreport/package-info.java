/**
 * The verdict report of a run: every verdict, what became of its feedback and the acceptance rate per
 * provider and per site, written as JSON for machines ({@code verdict-report.json}) and as a self-contained
 * HTML page for people ({@code verdict-report.html}).
 *
 * <p>{@link io.captchafeedback.verdictreport.VerdictReport} is the one public type. It reads delivery only through
 * the reporter's public surface: each verdict's {@link io.captchafeedback.report.ReportHandle} (its
 * {@link io.captchafeedback.report.Delivery}: status, answer, attempts, latency; whether a breaker holds it) and
 * {@link io.captchafeedback.report.FeedbackReporter#siteOf}. This package depends on
 * {@code io.captchafeedback.report}, never the other way: a reporter built with
 * {@code FeedbackReporter.Builder#verdictReport(Path)} finds it through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * VerdictReport report = VerdictReport.create();
 * feedback.onVerdict(v -> report.record(v.task(), v.verdict(), v.report()));
 * // ... run the flows
 * VerdictReport.Written files = report.write(Path.of("target/captcha-feedback"));
 * }</pre>
 *
 * <p>Thread-safe: verdicts may be recorded from any thread while a report is written.
 */
package io.captchafeedback.verdictreport;
