package io.captchafeedback.testkit.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One feedback request that reached a report endpoint of the {@link ProviderEmulator} with a task id,
 * whether the emulated provider recorded it or answered with an error (a wrong key, a second report, a
 * report after the window...). Requests whose body is not JSON or carries no task id are not kept.
 *
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * List<ReceivedFeedback> got = emulator.feedbackFor("anticaptcha", task.taskId());
 * assertThat(got).singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider the emulated provider type, e.g. {@code "ucaptcha"}
 * @param taskId the task id as sent (a string, whatever its JSON type)
 * @param positive {@code true} for a report that the token was accepted, {@code false} for a complaint
 * @param endpoint the path under the provider's prefix, e.g. {@code "/reportIncorrectRecaptcha"}
 * @param receivedAt when it arrived, on the emulator's clock
 * @param recorded whether the provider recorded it (answered {@code errorId: 0})
 * @param errorCode the provider's {@code errorCode} when it did not, else {@code ""}
 * @param code the optional {@code result.code} sent with it (uCaptcha, CapSolver), else {@code ""}
 * @param message the optional {@code result.message} sent with it, else {@code ""}
 */
public record ReceivedFeedback(
        String provider,
        String taskId,
        boolean positive,
        String endpoint,
        Instant receivedAt,
        boolean recorded,
        String errorCode,
        String code,
        String message) {

    public ReceivedFeedback {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(taskId, "taskId == null");
        Objects.requireNonNull(endpoint, "endpoint == null");
        Objects.requireNonNull(receivedAt, "receivedAt == null");
        errorCode = errorCode == null ? "" : errorCode;
        code = code == null ? "" : code;
        message = message == null ? "" : message;
    }
}
