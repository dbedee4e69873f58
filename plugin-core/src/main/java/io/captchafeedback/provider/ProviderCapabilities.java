package io.captchafeedback.provider;

import io.captchafeedback.task.CaptchaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider's feedback API can take: positive and negative reports per captcha type (with the
 * endpoint path for each), the report window and the kind of task id.
 *
 * <pre>{@code
 * ProviderCapabilities caps = adapter.capabilities();
 * boolean positiveHCaptcha = caps.supports(CaptchaType.HCAPTCHA, true);   // positive hCaptcha reports?
 * caps.endpoint(CaptchaType.RECAPTCHA_V2, false);           // Optional["/reportIncorrectRecaptcha"]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param taskIdKind how task ids are sent
 * @param reportWindow how long after the task was solved a report is still taken, or {@code null}
 *     when the provider documents no window
 * @param positiveEndpoints endpoint path per captcha type for positive reports (empty: none taken)
 * @param negativeEndpoints endpoint path per captcha type for negative reports (empty: none taken)
 * @param notes a short human-readable remark (rules, limits), never {@code null}
 * @param answersRepeats whether the provider's API answers a repeated report about the same task as
 *     "already recorded" (or refuses it) instead of counting it a second time; only then may a report
 *     whose first attempt has an unknown outcome (a crash, an answer lost on the wire) be sent again
 */
public record ProviderCapabilities(
        TaskIdKind taskIdKind,
        Duration reportWindow,
        Map<CaptchaType, String> positiveEndpoints,
        Map<CaptchaType, String> negativeEndpoints,
        String notes,
        boolean answersRepeats) {

    /** Capabilities of a provider that documents no answer to a repeated report ({@code answersRepeats = false}). */
    public ProviderCapabilities(TaskIdKind taskIdKind, Duration reportWindow, Map<CaptchaType, String> positiveEndpoints,
            Map<CaptchaType, String> negativeEndpoints, String notes) {
        this(taskIdKind, reportWindow, positiveEndpoints, negativeEndpoints, notes, false);
    }

    public ProviderCapabilities {
        Objects.requireNonNull(taskIdKind, "taskIdKind == null");
        if (reportWindow != null && (reportWindow.isNegative() || reportWindow.isZero())) {
            throw new IllegalArgumentException("reportWindow must be positive: " + reportWindow);
        }
        positiveEndpoints = Map.copyOf(positiveEndpoints);
        negativeEndpoints = Map.copyOf(negativeEndpoints);
        notes = notes == null ? "" : notes;
    }

    /** Whether a report of this polarity about this captcha type is taken. */
    public boolean supports(CaptchaType type, boolean positive) {
        return (positive ? positiveEndpoints : negativeEndpoints).containsKey(type);
    }

    /** The endpoint path for such a report, if it is taken. */
    public Optional<String> endpoint(CaptchaType type, boolean positive) {
        return Optional.ofNullable((positive ? positiveEndpoints : negativeEndpoints).get(type));
    }

    /** The report window, if the provider documents one. */
    public Optional<Duration> window() {
        return Optional.ofNullable(reportWindow);
    }

    /** Whether a task solved at {@code solvedAt} may still be reported at {@code now}. */
    public boolean withinWindow(Instant solvedAt, Instant now) {
        return reportWindow == null || !now.isAfter(solvedAt.plus(reportWindow));
    }

    /** A copy with {@link #answersRepeats()} set. */
    public ProviderCapabilities withAnswersRepeats(boolean answers) {
        return new ProviderCapabilities(taskIdKind, reportWindow, positiveEndpoints, negativeEndpoints, notes, answers);
    }

    /** Whether any positive report is taken. */
    public boolean takesPositiveReports() {
        return !positiveEndpoints.isEmpty();
    }

    /** Whether any negative report is taken. */
    public boolean takesNegativeReports() {
        return !negativeEndpoints.isEmpty();
    }
}
