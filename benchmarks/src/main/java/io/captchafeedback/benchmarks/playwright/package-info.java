/** Benchmarks of the Playwright integration: detection latency and the overhead of an attached context. */
package io.captchafeedback.benchmarks.playwright;
