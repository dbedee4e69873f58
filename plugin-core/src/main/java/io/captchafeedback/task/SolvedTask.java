package io.captchafeedback.task;

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
 * <p><b>When was it solved?</b> Report windows run from the provider's clock: Anti-Captcha takes reports
 * for 60 s after the task finished, not after your code received the token. Build tasks from the
 * provider's answer with {@link io.captchafeedback.provider.TaskAnswers}, which reads the completion time
 * the provider states ({@code endTime} at Anti-Captcha and 2Captcha). A task built by hand with
 * {@link #builder} and no {@link Builder#solvedAt} is stamped with the moment it is built, which is
 * later than the real completion: pass the time your {@code getTaskResult} call was sent (or, better, the
 * time of the previous poll that still said {@code processing}) so that the window never runs late.
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
 * @param providerTaskType the provider's own task type name ({@code createTask}'s {@code task.type}, e.g.
 *     {@code "DataDomeSliderTask"}), or {@code null}; always kept for {@link CaptchaType#OTHER}
 */
public record SolvedTask(
        String providerId,
        String taskId,
        CaptchaType type,
        String token,
        Instant solvedAt,
        String pageUrl,
        String siteKey,
        String providerTaskType) {

    public SolvedTask {
        requireText(providerId, "providerId");
        requireText(taskId, "taskId");
        Objects.requireNonNull(type, "type == null");
        requireText(token, "token");
        Objects.requireNonNull(solvedAt, "solvedAt == null");
        if (providerTaskType != null && providerTaskType.isBlank()) {
            providerTaskType = null;
        }
    }

    /** A task without a provider task type name (the form of the first releases). */
    public SolvedTask(String providerId, String taskId, CaptchaType type, String token, Instant solvedAt,
            String pageUrl, String siteKey) {
        this(providerId, taskId, type, token, solvedAt, pageUrl, siteKey, null);
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
        return new Builder(providerId, taskId, type, token).solvedAt(solvedAt).pageUrl(pageUrl).siteKey(siteKey)
                .providerTaskType(providerTaskType);
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
                + (siteKey != null ? ", siteKey=" + siteKey : "")
                + (providerTaskType != null ? ", providerTaskType=" + providerTaskType : "") + "]";
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
        private String providerTaskType;

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

        /** The provider's own task type name, e.g. {@code "RecaptchaV2TaskProxyless"}. */
        public Builder providerTaskType(String providerTaskType) {
            this.providerTaskType = providerTaskType;
            return this;
        }

        /** The task; {@code solvedAt} is now when none was given (see the class comment). */
        public SolvedTask build() {
            return new SolvedTask(providerId, taskId, type, token,
                    solvedAt != null ? solvedAt : Instant.now(), pageUrl, siteKey, providerTaskType);
        }
    }
}
