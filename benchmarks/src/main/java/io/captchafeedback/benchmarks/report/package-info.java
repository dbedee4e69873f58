/**
 * On-demand benchmark of the feedback reporter against a local stub provider: throughput with the
 * durable outbox against a naive blocking client, latency and heap. Run
 * {@link io.captchafeedback.benchmarks.report.ReporterBenchmark#main}; not part of the test suite.
 */
package io.captchafeedback.benchmarks.report;
