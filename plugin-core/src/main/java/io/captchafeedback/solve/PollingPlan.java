package io.captchafeedback.solve;

import io.captchafeedback.provider.ProviderTypes;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * When to ask a provider for a task's result: the first {@code getTaskResult} {@code firstDelay} after
 * {@code createTask}, then every {@code interval} while it says {@code processing}. The defaults
 * ({@link #recommended}) follow each provider's published advice; sources in {@code docs/solving.md}.
 *
 * <pre>{@code
 * Solver solver = Solver.builder(providers)
 *         .polling("capsolver", new PollingPlan(Duration.ofSeconds(2), Duration.ofSeconds(3)))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param firstDelay the wait before the first poll
 * @param interval the wait between polls (and before retrying a request the provider refused for now)
 */
public record PollingPlan(Duration firstDelay, Duration interval) {

    public PollingPlan {
        Objects.requireNonNull(firstDelay, "firstDelay == null");
        Objects.requireNonNull(interval, "interval == null");
        if (firstDelay.isNegative()) {
            throw new IllegalArgumentException("firstDelay is negative: " + firstDelay);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
    }

    /** The same wait before the first poll and between polls. */
    public static PollingPlan every(Duration interval) {
        return new PollingPlan(interval, interval);
    }

    /**
     * The plan a provider type recommends:
     * <ul>
     *   <li>2Captcha: 5 s ("Wait at least 5 seconds and repeat the request", 2captcha.com/api-docs/get-task-result);
     *   <li>CapSolver: 3 s ("processing ... retry after 3 seconds", docs.capsolver.com/guide/api-gettaskresult);
     *   <li>CapMonster Cloud: first after 3 s, then every 2 s (ERROR_TOO_MUCH_REQUESTS: "no more than 1 time in
     *       2 seconds", its error list);
     *   <li>reGOTCHA: 3 s ("polling every 3-5 seconds", regotcha.com/docs/api/get-result);
     *   <li>Anti-Captcha, uCaptcha and any other: 3 s (their getTaskResult pages state no interval).
     * </ul>
     */
    public static PollingPlan recommended(String providerType) {
        String type = providerType == null ? "" : providerType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case ProviderTypes.TWOCAPTCHA -> every(Duration.ofSeconds(5));
            case ProviderTypes.CAPMONSTER -> new PollingPlan(Duration.ofSeconds(3), Duration.ofSeconds(2));
            default -> every(Duration.ofSeconds(3));
        };
    }
}
