/**
 * The entry point of captcha-feedback: a {@link io.captchafeedback.CaptchaFeedback} holds the providers,
 * the outcome rules and the reporter of one configuration; it hands out a
 * {@link io.captchafeedback.PendingVerdict} for each tracked token and a
 * {@link io.captchafeedback.TaskVerdict} when the page's reaction decided it.
 *
 * <pre>{@code
 * try (CaptchaFeedback feedback = CaptchaFeedback.create(CaptchaFeedbackConfig.load(Path.of("captcha-feedback.yml")))) {
 *     feedback.onVerdict(v -> log.info("{}: {}", v.task().taskId(), v.verdict().outcome()));
 * }
 * }</pre>
 *
 * <p>Packages: {@code task} (the values: a solved task, its verdict and feedback), {@code config}
 * (configuration files and precedence), {@code provider} (provider adapters and their SPI), {@code rule}
 * (outcome rules), {@code report} (reliable delivery to the providers), {@code verdictreport} (the run's verdict report), {@code record} (recording
 * pages and suggesting rules), {@code solve} (creating tasks), {@code junit} (engine-neutral JUnit 5
 * pieces), {@code spi} (for engine integrations only). Packages named {@code internal} are not public API.
 * Each public type says who it is for: users, or authors of engine integrations, provider adapters and
 * shared outboxes (docs/architecture.md).
 * The packages depend on each other without cycles: {@code task} at the bottom, this package at the top.
 */
package io.captchafeedback;
