/**
 * The demo behind the README's first command ({@code ./run-demo.sh}): the testkit's demo site and
 * provider emulator in process, every demo page signed in with a good and a bad token under Selenium and
 * Playwright, a self-checking table of verdicts and feedback, and a verdict report.
 *
 * <p>The code worth reading first is the flow itself: {@link io.captchafeedback.samples.demo.SeleniumFlows}
 * and {@link io.captchafeedback.samples.demo.PlaywrightFlows} (open the page, inject the solved token,
 * submit, await the verdict). {@link io.captchafeedback.samples.demo.Demo} is the entry point.
 */
package io.captchafeedback.samples.demo;
