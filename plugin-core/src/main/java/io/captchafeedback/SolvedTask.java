package io.captchafeedback;

import java.time.Instant;
import java.util.Objects;

/**
 * A CAPTCHA answer bought from a solving provider, linked to the task that produced it.
 *
 * <p>This is what the library needs to send feedback later: which provider (its configured id), which
 * task ({@code taskId}, kept as a String whatever the provider's kind, see
 * {@link io.captchafeedback.provider.TaskIdKind}), what kind of CAPTCHA, the token itself and when it
 * was solved (report windows are measured from then).
 *
 * <pre>{@code
 * SolvedTask task = SolvedTask.builder("anticaptcha", "7654321", CaptchaType.RECAPTCHA_V2, token)
 *         .pageUrl("https://shop.example/login")
 *         .siteKey("6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-")
 *         .build();
 * }</pre>
 *
 * <p>{@link #toString()} shortens the token. Immutable and thread-safe.
 *
 * @param providerId the id of the configured provider that solved it, e.g. {@code "ucaptcha"}
 * @param taskId the provider's task id, as a String
 * @param type the kind of CAPTCHA
 * @param token the answer (token or image text)
 * @param solvedAt when the provider finished the task
 * @param pageUrl the page the CAPTCHA protects, or {@code null} when unknown
 * @param siteKey the widget's site key, or {@code null} when unknown
 */
public record SolvedTask(
        String providerId,
        String taskId,
        CaptchaType type,
        String token,
        Instant solvedAt,
        String pageUrl,
        String siteKey) {

    public SolvedTask {
        requireText(providerId, "providerId");
        requireText(taskId, "taskId");
        Objects.requireNonNull(type, "type == null");
        requireText(token, "token");
        Objects.requireNonNull(solvedAt, "solvedAt == null");
    }

    /** A task solved now, with no page URL or site key. */
    public static SolvedTask of(String providerId, String taskId, CaptchaType type, String token) {
        return builder(providerId, taskId, type, token).build();
    }

    /** Starts a builder; {@code solvedAt} defaults to now. */
    public static Builder builder(String providerId, String taskId, CaptchaType type, String token) {
        return new Builder(providerId, taskId, type, token);
    }

    /** A builder initialised from this task. */
    public Builder toBuilder() {
        return new Builder(providerId, taskId, type, token).solvedAt(solvedAt).pageUrl(pageUrl).siteKey(siteKey);
    }

    /** The key under which at most one feedback is ever sent: {@code providerId + "/" + taskId}. */
    public String key() {
        return providerId + "/" + taskId;
    }

    @Override
    public String toString() {
        return "SolvedTask[provider=" + providerId + ", taskId=" + taskId + ", type=" + type
                + ", token=" + abbreviate(token) + ", solvedAt=" + solvedAt
                + (pageUrl != null ? ", pageUrl=" + pageUrl : "")
                + (siteKey != null ? ", siteKey=" + siteKey : "") + "]";
    }

    private static String abbreviate(String token) {
        return token.length() <= 16 ? token : token.substring(0, 12) + "…(" + token.length() + " chars)";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name + " == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    /** Builds a {@link SolvedTask}; not thread-safe. */
    public static final class Builder {
        private final String providerId;
        private final String taskId;
        private final CaptchaType type;
        private final String token;
        private Instant solvedAt;
        private String pageUrl;
        private String siteKey;

        private Builder(String providerId, String taskId, CaptchaType type, String token) {
            this.providerId = providerId;
            this.taskId = taskId;
            this.type = type;
            this.token = token;
        }

        /** When the provider finished the task (default: now). */
        public Builder solvedAt(Instant solvedAt) {
            this.solvedAt = Objects.requireNonNull(solvedAt, "solvedAt == null");
            return this;
        }

        /** The page the CAPTCHA protects. */
        public Builder pageUrl(String pageUrl) {
            this.pageUrl = pageUrl;
            return this;
        }

        /** The widget's site key. */
        public Builder siteKey(String siteKey) {
            this.siteKey = siteKey;
            return this;
        }

        public SolvedTask build() {
            return new SolvedTask(providerId, taskId, type, token,
                    solvedAt != null ? solvedAt : Instant.now(), pageUrl, siteKey);
        }
    }
}
