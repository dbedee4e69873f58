package io.captchafeedback.report.spi;

import io.captchafeedback.task.Feedback;
import java.util.Objects;

/**
 * One feedback as a {@link SharedOutbox} stores it: never an API key.
 *
 * <!-- java: given long key; Feedback feedback; long now; long deadline -->
 * <pre>{@code
 * StoredFeedback f = new StoredFeedback(key, feedback, "shop.example", now, deadline, false, false);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the 64-bit hash of (provider id, task id) the reporter uses for the entry
 * @param feedback the feedback (its task carries provider id, task id, token, page URL)
 * @param site the host of the task's page URL, or {@code "unknown"}
 * @param enqueuedAt when it was reported, epoch milliseconds
 * @param deadline the end of its report window, epoch milliseconds
 * @param attempted whether a request for it may have gone out already
 * @param held whether an open breaker held it
 */
public record StoredFeedback(long key, Feedback feedback, String site, long enqueuedAt, long deadline, boolean attempted,
        boolean held) {

    public StoredFeedback {
        Objects.requireNonNull(feedback, "feedback == null");
        Objects.requireNonNull(site, "site == null");
    }
}
