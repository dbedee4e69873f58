package io.captchafeedback.provider;

import io.captchafeedback.task.Feedback;
import io.captchafeedback.provider.FeedbackResult.RefusalReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a provider means by an answer beyond the shared code table of {@link ProviderAnswers}: the few
 * answers whose meaning depends on the provider or on what the sender knows. Sources are cited per
 * constant and in {@code docs/providers.md}.
 *
 * <p>Stateless and thread-safe.
 */
enum AnswerDialect {

    /** Every code means what the shared table says (uCaptcha, reGOTCHA, 2Captcha, CapMonster, generic). */
    PLAIN,

    /**
     * Anti-Captcha: "Reports must be sent within 60 seconds of task completion. If you send a report later,
     * the API will return ERROR_NO_SUCH_CAPCHA_ID error. Only one report can be sent per task."
     * (https://anti-captcha.com/apidoc/methods/reportIncorrectRecaptcha). So errorId 16 is read from what
     * the sender knows: after an earlier request about this feedback, the provider most likely has it
     * (already recorded); past the window measured from the task's completion, expired; otherwise the
     * task is unknown (or, for image complaints, not an English captcha).
     */
    ANTICAPTCHA {
        @Override
        FeedbackResult refine(FeedbackResult result, int status, Feedback feedback, Attempt attempt, Duration window,
                Instant now) {
            if (!(result instanceof FeedbackResult.Refused refused) || !isNoSuchCaptchaId(refused.code())) {
                return result;
            }
            if (attempt.sentBefore()) {
                return new FeedbackResult.AlreadyRecorded(refused.code());
            }
            Instant closes = window == null ? null : feedback.task().solvedAt().plus(window);
            if (closes != null && now.isAfter(closes)) {
                return new FeedbackResult.Refused(RefusalReason.EXPIRED, refused.code(), refused.description()
                        + " [read as: the " + ProviderAnswers.format(window) + " report window closed at " + closes + "]");
            }
            return result;
        }
    },

    /**
     * CapSolver: errors come as HTTP 400 with errorId 1, and "401 | 1 | Unauthorized: the API key is
     * wrong" (https://docs.capsolver.com/guide/api-error.html): any 401 is a bad key, whatever the code.
     * Its temporary codes (ERROR_SERVICE_UNAVALIABLE, ERROR_RATE_LIMIT) are retryable in the shared table.
     */
    CAPSOLVER {
        @Override
        FeedbackResult refine(FeedbackResult result, int status, Feedback feedback, Attempt attempt, Duration window,
                Instant now) {
            if (status == 401 && !(result instanceof FeedbackResult.BadKey) && !result.isDelivered()) {
                if (result instanceof FeedbackResult.Refused r) {
                    return new FeedbackResult.BadKey(r.code().isEmpty() ? "HTTP 401" : r.code(), r.description());
                }
                return new FeedbackResult.BadKey("HTTP 401", "Unauthorized");
            }
            return result;
        }
    };

    /**
     * The result as this provider means it.
     *
     * @param result what the shared table made of the answer
     * @param status the HTTP status (0 when there was no answer)
     * @param feedback what was sent
     * @param attempt which request about the feedback this was
     * @param window the provider's report window, or {@code null}
     * @param now the time the answer was read
     */
    FeedbackResult refine(FeedbackResult result, int status, Feedback feedback, Attempt attempt, Duration window,
            Instant now) {
        return result;
    }

    private static boolean isNoSuchCaptchaId(String code) {
        String bare = code.toUpperCase(Locale.ROOT);
        return bare.equals("ERROR_NO_SUCH_CAPCHA_ID") || bare.equals("NO_SUCH_CAPCHA_ID");
    }
}
