package io.captchafeedback.testkit.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call to the emulator's {@code /siteverify} endpoint, as a protected site makes it.
 *
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * assertThat(emulator.verifications()).last().extracting(SiteVerification::success).isEqualTo(false);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param token the response token the site submitted ({@code ""} when missing)
 * @param taskId the task that produced the token, or {@code ""} when the token is unknown
 * @param success what the emulator answered
 * @param errorCodes the {@code error-codes} it answered, empty on success
 * @param at when, on the emulator's clock
 */
public record SiteVerification(String token, String taskId, boolean success, List<String> errorCodes, Instant at) {

    public SiteVerification {
        token = token == null ? "" : token;
        taskId = taskId == null ? "" : taskId;
        errorCodes = List.copyOf(errorCodes);
        Objects.requireNonNull(at, "at == null");
    }
}
