package io.captchafeedback.testkit;

import io.captchafeedback.CaptchaType;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.provider.TaskIdKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one emulated provider looks like from outside: task id kind, report endpoints, report window,
 * one-feedback-per-task rule and the error codes it answers with (providers.md).
 */
record EmulatedProvider(
        String name,
        TaskIdKind taskIdKind,
        BodyStyle bodyStyle,
        Map<String, Endpoint> reportEndpoints,
        Duration defaultWindow,
        boolean oncePerTask,
        Error badKey,
        Error invalidData,
        Error unknownTask,
        Error duplicate,
        Error expired,
        Error taskNotSupported) {

    /** How a report body is spelled. */
    enum BodyStyle {
        /** {@code {clientKey, taskId: string, result: {invalid, code?, message}}}, message required. */
        UCAPTCHA,
        /** {@code {clientKey, taskId: string, result: {valid}}}. */
        REGOTCHA,
        /** {@code {clientKey, appId?, taskId: string, result: {invalid, code?: int, message?}}}. */
        CAPSOLVER,
        /** {@code {clientKey, taskId: int}}, polarity from the endpoint. */
        TASK_ID_ONLY
    }

    /**
     * A report endpoint.
     *
     * @param positive the polarity, or {@code null} when the body says it
     * @param types the captcha types whose tasks it takes
     */
    record Endpoint(Boolean positive, Set<CaptchaType> types) {
    }

    /** An error answer: {@code {errorId, errorCode, errorDescription}}. */
    record Error(int errorId, String code, String description) {
    }

    static final Set<CaptchaType> ALL = EnumSet.allOf(CaptchaType.class);
    static final Set<CaptchaType> TOKENS = EnumSet.complementOf(EnumSet.of(CaptchaType.IMAGE));
    static final Set<CaptchaType> RECAPTCHAS = EnumSet.of(CaptchaType.RECAPTCHA_V2,
            CaptchaType.RECAPTCHA_V2_INVISIBLE, CaptchaType.RECAPTCHA_V3, CaptchaType.RECAPTCHA_ENTERPRISE);

    private static final Error KEY = new Error(1, "ERROR_KEY_DOES_NOT_EXIST", "Account authorization key not found in the system");
    private static final Error INVALID = new Error(1, "ERROR_INVALID_TASK_DATA", "Task data is missing or invalid");
    private static final Error NO_SUCH = new Error(1, "ERROR_NO_SUCH_CAPCHA_ID", "Task not found or not owned by this key");
    private static final Error NO_SUCH_16 = new Error(16, "ERROR_NO_SUCH_CAPCHA_ID",
            "Task you are requesting does not exist in your current task list or has been expired");
    private static final Error EXISTS = new Error(1, "ERROR_FEEDBACK_EXISTS", "Feedback already submitted for this task");
    private static final Error EXPIRED = new Error(1, "ERROR_FEEDBACK_EXPIRED", "Feedback window has passed");
    private static final Error NOT_SUPPORTED = new Error(22, "ERROR_TASK_NOT_SUPPORTED", "Task type is not supported");

    static final List<EmulatedProvider> ALL_PROVIDERS = List.of(
            new EmulatedProvider(ProviderTypes.UCAPTCHA, TaskIdKind.STRING, BodyStyle.UCAPTCHA,
                    Map.of("/feedbackTask", new Endpoint(null, ALL)), null, true,
                    KEY, INVALID, NO_SUCH, EXISTS, EXPIRED, NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.REGOTCHA, TaskIdKind.STRING, BodyStyle.REGOTCHA,
                    Map.of("/feedbackTask", new Endpoint(null, ALL)), Duration.ofHours(24), true,
                    KEY, INVALID, NO_SUCH, EXISTS, EXPIRED, NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.CAPSOLVER, TaskIdKind.STRING, BodyStyle.CAPSOLVER,
                    Map.of("/feedbackTask", new Endpoint(null, ALL)), null, false,
                    new Error(1, "ERROR_KEY_DENIED_ACCESS", "Invalid or unknown clientKey"),
                    INVALID,
                    new Error(1, "ERROR_TASKID_INVALID", "Task ID does not exist or is invalid"),
                    null, null, NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.TWOCAPTCHA, TaskIdKind.INTEGER, BodyStyle.TASK_ID_ONLY,
                    ordered("/reportCorrect", new Endpoint(true, ALL), "/reportIncorrect", new Endpoint(false, ALL)),
                    Duration.ofMinutes(15), true,
                    KEY, NO_SUCH_16, NO_SUCH_16,
                    new Error(1, "ERROR_DUPLICATE_REPORT", "You have already reported this task"),
                    new Error(1, "ERROR_REPORT_NOT_RECORDED", "Report not recorded: too late or too many complaints"),
                    NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.ANTICAPTCHA, TaskIdKind.INTEGER, BodyStyle.TASK_ID_ONLY,
                    ordered("/reportIncorrectImageCaptcha", new Endpoint(false, EnumSet.of(CaptchaType.IMAGE)),
                            "/reportIncorrectRecaptcha", new Endpoint(false, RECAPTCHAS),
                            "/reportCorrectRecaptcha", new Endpoint(true,
                                    EnumSet.of(CaptchaType.RECAPTCHA_V3, CaptchaType.RECAPTCHA_ENTERPRISE)),
                            "/reportIncorrectHcaptcha", new Endpoint(false, EnumSet.of(CaptchaType.HCAPTCHA))),
                    Duration.ofSeconds(60), true,
                    KEY, NO_SUCH_16, NO_SUCH_16, NO_SUCH_16, NO_SUCH_16, NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.CAPMONSTER, TaskIdKind.INTEGER, BodyStyle.TASK_ID_ONLY,
                    ordered("/reportIncorrectImageCaptcha", new Endpoint(false, EnumSet.of(CaptchaType.IMAGE)),
                            "/reportIncorrectTokenCaptcha", new Endpoint(false, TOKENS)),
                    null, true,
                    KEY, NO_SUCH_16, NO_SUCH_16, NO_SUCH_16, NO_SUCH_16, NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.NEXTCAPTCHA, TaskIdKind.INTEGER, BodyStyle.TASK_ID_ONLY,
                    Map.of(), null, true,
                    KEY, NO_SUCH_16, NO_SUCH_16, NO_SUCH_16, NO_SUCH_16, NOT_SUPPORTED));

    static EmulatedProvider named(String name) {
        for (EmulatedProvider p : ALL_PROVIDERS) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        return null;
    }

    static List<String> names() {
        return ALL_PROVIDERS.stream().map(EmulatedProvider::name).toList();
    }

    private static Map<String, Endpoint> ordered(Object... pairs) {
        Map<String, Endpoint> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Endpoint) pairs[i + 1]);
        }
        return m;
    }
}
