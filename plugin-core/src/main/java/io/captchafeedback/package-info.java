/**
 * captcha-feedback's value types: a {@link io.captchafeedback.SolvedTask} links a token to the
 * provider task that produced it, a {@link io.captchafeedback.Verdict} says what the target site did
 * with it, and {@link io.captchafeedback.Feedback} is what goes back to the provider.
 *
 * <p>Sub-packages: {@code provider} (provider adapters and their SPI), {@code config} (configuration
 * files and precedence), {@code rule} (outcome rules), {@code report} (reliable delivery),
 * {@code junit} (engine-neutral JUnit 5 pieces). Packages named {@code internal} are not public API.
 */
package io.captchafeedback;
