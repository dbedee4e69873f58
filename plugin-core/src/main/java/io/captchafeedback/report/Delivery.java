package io.captchafeedback.report;

import java.time.Duration;
import java.util.Objects;

/**
 * The whole story of one reported verdict once its delivery is decided: the status, the provider's
 * answer in words, how many requests it took and how long from {@code report()} to the final answer.
 *
 * <pre>{@code
 * Delivery d = reporter.report(task, verdict).delivery().get(1, TimeUnit.MINUTES);
 * log.info("{}: {} after {} attempt(s)", task.key(), d.answer(), d.attempts());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param status what became of the report
 * @param answer the provider's answer (its message, e.g. {@code "Feedback recorded"}, {@code "already recorded"}, its
 *     error code and description) or, when nothing was sent, why; never an API key
 * @param attempts requests made to the provider (0 when nothing was sent)
 * @param latency time from {@code report()} to the final answer ({@link Duration#ZERO} when nothing was sent)
 */
public record Delivery(DeliveryStatus status, String answer, int attempts, Duration latency) {

    public Delivery {
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(answer, "answer == null");
        Objects.requireNonNull(latency, "latency == null");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
    }

    /** A decision made without a request to the provider. */
    static Delivery withoutRequest(DeliveryStatus status, String why) {
        return new Delivery(status, why, 0, Duration.ZERO);
    }
}
