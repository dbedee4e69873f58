/**
 * Benchmarks of the Selenium integration, run on demand (see {@link io.captchafeedback.benchmarks.selenium.SeleniumOverheadBenchmark}).
 */
package io.captchafeedback.benchmarks.selenium;
