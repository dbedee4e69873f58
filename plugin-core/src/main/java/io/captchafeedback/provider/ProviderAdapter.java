package io.captchafeedback.provider;

import io.captchafeedback.task.Feedback;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;

/**
 * Talks to one provider's feedback API: turns a {@link Feedback} into the provider's request and the
 * provider's answer into a typed {@link FeedbackResult}.
 *
 * <p>Adapters are created by a {@link Factory}; the built-in ones cover uCaptcha, reGOTCHA, CapSolver,
 * 2Captcha, Anti-Captcha, CapMonster Cloud, NextCaptcha (which takes no reports) and any
 * {@code feedbackTask}-compatible service. Third-party factories are found with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/io.captchafeedback.provider.ProviderAdapter$Factory}.
 *
 * <pre>{@code
 * FeedbackResult result = adapter.send(Feedback.rejected(task)).join();
 * }</pre>
 *
 * <p>Implementations must be thread-safe: one adapter serves every thread.
 */
public interface ProviderAdapter {

    /** The provider id this adapter was configured under ({@link ProviderSettings#id()}). */
    String id();

    /** What this provider's feedback API takes. */
    ProviderCapabilities capabilities();

    /**
     * Sends one feedback asynchronously. The future never completes exceptionally: transport failures
     * become {@link FeedbackResult.Retryable}; a report the provider cannot take completes at once with
     * {@link FeedbackResult.Unsupported} without any request.
     */
    CompletableFuture<FeedbackResult> send(Feedback feedback);

    /**
     * Sends one feedback, knowing which request about it this is. The reporter calls this form; an
     * answer whose meaning depends on whether the provider may already have the feedback (Anti-Captcha's
     * {@code ERROR_NO_SUCH_CAPCHA_ID}) is read with it. The default ignores the attempt.
     *
     * @param attempt which request about this feedback this is
     */
    default CompletableFuture<FeedbackResult> send(Feedback feedback, Attempt attempt) {
        return send(feedback);
    }

    /**
     * Creates adapters from settings. {@link #create} returns {@code null} when the settings' type is
     * not this factory's, so that factories can be tried in turn (built-ins first, then those found by
     * {@link java.util.ServiceLoader}).
     *
     * <p>The configuration calls {@link #create} once per provider when it is loaded, to check the
     * settings (options included), and drops that adapter: creating one must be cheap and start nothing.
     * A {@link io.captchafeedback.config.ConfigException} whose key path is
     * {@code providers.<id>.options.<name>} (or {@code providers.<id>}) is placed at that option (or that
     * provider) in the file, with its line and column.
     *
     * <p>Implementations must be thread-safe and have a public no-argument constructor.
     */
    interface Factory {
        /**
         * Creates an adapter, or returns {@code null} when {@code settings.type()} is not this factory's.
         *
         * @param settings the provider's settings
         * @param client the shared HTTP client (derive per-provider clients with {@code client.newBuilder()}
         *     so that the connection pool is shared)
         * @throws io.captchafeedback.config.ConfigException when the settings are this factory's but invalid
         */
        ProviderAdapter create(ProviderSettings settings, OkHttpClient client);
    }
}
