/**
 * Provider adapters: the {@link io.captchafeedback.provider.ProviderAdapter} SPI, its
 * {@link io.captchafeedback.provider.ProviderAdapter.Factory}, the capability description of each
 * provider and the typed {@link io.captchafeedback.provider.FeedbackResult} of a feedback call.
 */
package io.captchafeedback.provider;
