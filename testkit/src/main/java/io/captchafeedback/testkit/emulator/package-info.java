/**
 * The provider emulator: an in-process HTTP server speaking the providers' task and feedback APIs
 * (createTask / getTaskResult, in.php / res.php, report endpoints), recording every feedback it
 * receives and injecting faults (outages, lost answers, delays) on demand.
 *
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * try (ProviderEmulator emulator = ProviderEmulator.start()) {
 *     SolvedTask task = emulator.solve("2captcha", CaptchaType.RECAPTCHA_V2, pageUrl, siteKey);
 *     // ... report a verdict through a FeedbackReporter pointed at emulator.baseUrl("2captcha") ...
 *     assertThat(emulator.feedbackFor("2captcha", task.taskId())).hasSize(1);
 * }
 * }</pre>
 */
package io.captchafeedback.testkit.emulator;
