/**
 * Provider adapters: the {@link io.captchafeedback.provider.ProviderAdapter} SPI, its
 * {@link io.captchafeedback.provider.ProviderAdapter.Factory}, the capability description of each
 * provider, the typed {@link io.captchafeedback.provider.FeedbackResult} of a feedback call and the
 * {@link io.captchafeedback.provider.ProviderRegistry} that creates the configured adapters on one
 * shared HTTP client, the {@link io.captchafeedback.provider.Attempt} a report is sent as (some answers
 * mean "already recorded" on a repeat), and {@link io.captchafeedback.provider.TaskAnswers}, which builds
 * a task from a provider's {@code getTaskResult} answer so that report windows run from the provider's
 * clock. What each provider's answers mean, with sources: {@code docs/providers.md}.
 *
 * <!-- java: given String key -->
 * <pre>{@code
 * try (ProviderRegistry providers = ProviderRegistry.create(List.of(
 *         ProviderSettings.of("anticaptcha", ProviderTypes.ANTICAPTCHA, ApiKey.of(key))))) {
 *     FeedbackResult result = providers.adapter("anticaptcha").orElseThrow()
 *             .send(Feedback.rejected(task)).join();
 * }
 * }</pre>
 *
 * <p>Every call logs one DEBUG line on the logger {@code io.captchafeedback.provider} (provider id,
 * endpoint path, task id, result); request bodies and API keys are never logged. The built-in adapters
 * are package-private; only the types above are public API.
 */
package io.captchafeedback.provider;
