package io.captchafeedback.testkit.emulator;

import io.captchafeedback.task.CaptchaType;
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
 * one-feedback-per-task rule and the error answers it gives, each as the provider publishes it (source
 * per provider below and in testkit/README.md). Where a provider documents nothing (uCaptcha's error
 * codes, 2Captcha's errorIds for report errors), the answer is an assumption and says so in the README.
 *
 * @param duplicate the answer to a second report about a task, or {@code null} when the provider
 *     documents no one-report-per-task rule (the repeat is then recorded again)
 * @param expired the answer to a report after the window, or {@code null} (no window documented)
 */
record EmulatedProvider(
        String name,
        TaskIdKind taskIdKind,
        BodyStyle bodyStyle,
        Map<String, Endpoint> reportEndpoints,
        Duration defaultWindow,
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

    /** An error answer: HTTP {@code status} with {@code {errorId, errorCode, errorDescription}}. */
    record Error(int status, int errorId, String code, String description) {
        Error(int errorId, String code, String description) {
            this(200, errorId, code, description);
        }
    }

    /** Whether a second report about a task is refused. */
    boolean oncePerTask() {
        return duplicate != null;
    }

    static final Set<CaptchaType> ALL = EnumSet.allOf(CaptchaType.class);
    static final Set<CaptchaType> RECAPTCHAS = EnumSet.of(CaptchaType.RECAPTCHA_V2,
            CaptchaType.RECAPTCHA_V2_INVISIBLE, CaptchaType.RECAPTCHA_V3, CaptchaType.RECAPTCHA_ENTERPRISE);

    /** The family's usual codes; uCaptcha's seed documents none, so these are assumptions there. */
    private static final Error KEY = new Error(1, "ERROR_KEY_DOES_NOT_EXIST", "Account authorization key not found in the system");
    private static final Error INVALID = new Error(1, "ERROR_INVALID_TASK_DATA", "Task data is missing or invalid");
    private static final Error NO_SUCH = new Error(1, "ERROR_NO_SUCH_CAPCHA_ID", "Task not found or not owned by this key");
    private static final Error NOT_SUPPORTED = new Error(23, "ERROR_TASK_NOT_SUPPORTED", "Task type is not supported");

    /** reGOTCHA, from its seed document (texts verbatim from its error table). */
    private static final Error REGOTCHA_KEY = new Error(1, "ERROR_KEY_DOES_NOT_EXIST", "invalid API key");
    private static final Error REGOTCHA_INVALID = new Error(1, "ERROR_INVALID_TASK_DATA", "missing/invalid result.valid");
    private static final Error REGOTCHA_NO_SUCH = new Error(1, "ERROR_NO_SUCH_CAPCHA_ID", "task unknown or not owned by this key");
    private static final Error REGOTCHA_EXISTS = new Error(1, "ERROR_FEEDBACK_EXISTS", "feedback already submitted for this task");
    private static final Error REGOTCHA_EXPIRED = new Error(1, "ERROR_FEEDBACK_EXPIRED", "24-hour window passed");

    /** CapSolver: HTTP 400 (401 for the key) with errorId 1, https://docs.capsolver.com/guide/api-error.html. */
    static final Error CAPSOLVER_KEY = new Error(401, 1, "ERROR_KEY_DENIED_ACCESS", "Wrong account key");
    static final Error CAPSOLVER_INVALID = new Error(400, 1, "ERROR_INVALID_TASK_DATA", "invalid task data: result");
    static final Error CAPSOLVER_TASKID = new Error(400, 1, "ERROR_TASKID_INVALID", "Task ID does not exist or is invalid");
    static final Error CAPSOLVER_NOT_SUPPORTED = new Error(400, 1, "ERROR_TASK_NOT_SUPPORTED", "Task types are not supported");
    static final Error CAPSOLVER_UNAVAILABLE = new Error(400, 1, "ERROR_SERVICE_UNAVALIABLE", "Service is temporarily unavailable");

    /** 2Captcha, https://2captcha.com/api-docs/error-codes (report errors' ids are not listed there: assumed 1). */
    private static final Error TWOCAPTCHA_KEY = new Error(1, "ERROR_KEY_DOES_NOT_EXIST",
            "Your API key is incorrect. Make sure you set the key correctly and copied it from the dashboard in"
                    + " Customer or Developer mode");
    private static final Error TWOCAPTCHA_NO_SUCH = new Error(16, "ERROR_NO_SUCH_CAPCHA_ID",
            "You've provided incorrect captcha ID in the request");

    /** Anti-Captcha, https://anti-captcha.com/apidoc/errors and the report methods' pages. */
    private static final Error ANTICAPTCHA_KEY = new Error(1, "ERROR_KEY_DOES_NOT_EXIST",
            "Account authorization key not found in the system. Make sure you copied it correctly without spaces"
                    + " or tabulation signs.");
    private static final Error ANTICAPTCHA_16 = new Error(16, "ERROR_NO_SUCH_CAPCHA_ID",
            "Task you are requesting does not exist in your current task list or has been expired.");

    /** CapMonster Cloud: errorId is 0 or 1 (https://docs.capmonster.cloud/docs/api/bad-tokens/). */
    private static final Error CAPMONSTER_KEY = new Error(1, "ERROR_KEY_DOES_NOT_EXIST",
            "Account authorization key not found in the system or has incorrect format.");
    private static final Error CAPMONSTER_NO_SUCH = new Error(1, "ERROR_NO_SUCH_CAPCHA_ID",
            "The captcha that you are requesting was not found. Make sure you are requesting a status update only"
                    + " within 5 minutes of uploading.");
    private static final Set<CaptchaType> CAPMONSTER_TOKEN_REPORTS = EnumSet.of(CaptchaType.RECAPTCHA_V2,
            CaptchaType.RECAPTCHA_V2_INVISIBLE, CaptchaType.RECAPTCHA_V3, CaptchaType.RECAPTCHA_ENTERPRISE,
            CaptchaType.GEETEST_V3, CaptchaType.GEETEST_V4, CaptchaType.TURNSTILE);

    static final List<EmulatedProvider> ALL_PROVIDERS = List.of(
            // uCaptcha seed: no error codes, no one-per-task rule, no window documented.
            new EmulatedProvider(ProviderTypes.UCAPTCHA, TaskIdKind.STRING, BodyStyle.UCAPTCHA,
                    Map.of("/feedbackTask", new Endpoint(null, ALL)), null,
                    KEY, INVALID, NO_SUCH, null, null, NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.REGOTCHA, TaskIdKind.STRING, BodyStyle.REGOTCHA,
                    Map.of("/feedbackTask", new Endpoint(null, ALL)), Duration.ofHours(24),
                    REGOTCHA_KEY, REGOTCHA_INVALID, REGOTCHA_NO_SUCH, REGOTCHA_EXISTS, REGOTCHA_EXPIRED, NOT_SUPPORTED),
            // CapSolver documents no window and no one-per-task rule for feedbackTask.
            new EmulatedProvider(ProviderTypes.CAPSOLVER, TaskIdKind.STRING, BodyStyle.CAPSOLVER,
                    Map.of("/feedbackTask", new Endpoint(null, ALL)), null,
                    CAPSOLVER_KEY, CAPSOLVER_INVALID, CAPSOLVER_TASKID, null, null, CAPSOLVER_NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.TWOCAPTCHA, TaskIdKind.INTEGER, BodyStyle.TASK_ID_ONLY,
                    ordered("/reportCorrect", new Endpoint(true, ALL), "/reportIncorrect", new Endpoint(false, ALL)),
                    Duration.ofMinutes(15),
                    TWOCAPTCHA_KEY, TWOCAPTCHA_NO_SUCH, TWOCAPTCHA_NO_SUCH,
                    new Error(1, "ERROR_DUPLICATE_REPORT", "You have already reported this task"),
                    new Error(1, "ERROR_REPORT_NOT_RECORDED", "Report not recorded: too late or too many complaints"),
                    NOT_SUPPORTED),
            // Anti-Captcha: one report per task, within 60 s; both refusals are errorId 16.
            new EmulatedProvider(ProviderTypes.ANTICAPTCHA, TaskIdKind.INTEGER, BodyStyle.TASK_ID_ONLY,
                    ordered("/reportIncorrectImageCaptcha", new Endpoint(false, EnumSet.of(CaptchaType.IMAGE)),
                            "/reportIncorrectRecaptcha", new Endpoint(false, RECAPTCHAS),
                            "/reportCorrectRecaptcha", new Endpoint(true,
                                    EnumSet.of(CaptchaType.RECAPTCHA_V3, CaptchaType.RECAPTCHA_ENTERPRISE)),
                            "/reportIncorrectHcaptcha", new Endpoint(false, EnumSet.of(CaptchaType.HCAPTCHA))),
                    Duration.ofSeconds(60),
                    ANTICAPTCHA_KEY, ANTICAPTCHA_16, ANTICAPTCHA_16, ANTICAPTCHA_16, ANTICAPTCHA_16, NOT_SUPPORTED),
            // CapMonster Cloud: negative reports only; no window and no one-per-task rule documented.
            new EmulatedProvider(ProviderTypes.CAPMONSTER, TaskIdKind.INTEGER, BodyStyle.TASK_ID_ONLY,
                    ordered("/reportIncorrectImageCaptcha", new Endpoint(false, EnumSet.of(CaptchaType.IMAGE)),
                            "/reportIncorrectTokenCaptcha", new Endpoint(false, CAPMONSTER_TOKEN_REPORTS),
                            "/reportIncorrectRecaptcha", new Endpoint(false, CAPMONSTER_TOKEN_REPORTS)),
                    null,
                    CAPMONSTER_KEY, CAPMONSTER_NO_SUCH, CAPMONSTER_NO_SUCH, null, null, NOT_SUPPORTED),
            new EmulatedProvider(ProviderTypes.NEXTCAPTCHA, TaskIdKind.INTEGER, BodyStyle.TASK_ID_ONLY,
                    Map.of(), null,
                    KEY, NO_SUCH, NO_SUCH, null, null, NOT_SUPPORTED));

    /**
     * The provider's documented "try again later" answer, or {@code null} when it documents none.
     * Sources: docs.capsolver.com/guide/api-error.html, anti-captcha.com/apidoc/errors,
     * 2captcha.com/api-docs/error-codes, the CapMonster Cloud error types page.
     */
    Error busy() {
        return switch (name) {
            case ProviderTypes.CAPSOLVER -> CAPSOLVER_UNAVAILABLE;
            case ProviderTypes.ANTICAPTCHA -> new Error(2, "ERROR_NO_SLOT_AVAILABLE",
                    "No idle captcha workers are available at the moment; customers should increase their maximum bid"
                            + " in the API settings in the client area or choose less busy hours to create tasks.");
            case ProviderTypes.TWOCAPTCHA -> new Error(2, "ERROR_NO_SLOT_AVAILABLE",
                    "Your bid is too low for the captcha you submit or the queue of your captchas is loo long and we"
                            + " temporary do not accept more captchas from you");
            case ProviderTypes.CAPMONSTER -> new Error(1, "ERROR_TOO_MUCH_REQUESTS",
                    "You have exceeded the limit of requests to receive an answer for one task. Try to request the"
                            + " result of the task no more than 1 time in 2 seconds.");
            default -> null;
        };
    }

    /**
     * The answer to createTask when the account has no money. Anti-Captcha: errorId 10
     * ERROR_ZERO_BALANCE "Account has zero or negative balance." (anti-captcha.com/apidoc/errors); 2Captcha's v2
     * API uses the same ids (2captcha.com/api-docs/error-codes, assumed 10 here); CapSolver HTTP 400 errorId 1
     * (docs.capsolver.com/guide/api-error.html); CapMonster Cloud errorId 1; uCaptcha and reGOTCHA document
     * none: the family's code with errorId 1 is assumed.
     */
    Error zeroBalance() {
        return switch (name) {
            case ProviderTypes.ANTICAPTCHA -> new Error(10, "ERROR_ZERO_BALANCE", "Account has zero or negative balance.");
            case ProviderTypes.TWOCAPTCHA -> new Error(10, "ERROR_ZERO_BALANCE", "You don't have funds on your account.");
            case ProviderTypes.CAPSOLVER -> new Error(400, 1, "ERROR_ZERO_BALANCE", "Insufficient account balance");
            default -> new Error(1, "ERROR_ZERO_BALANCE", "Account has zero or negative balance");
        };
    }

    /**
     * The answer to getTaskResult when the workers could not solve the task. 2Captcha: errorId 12
     * ERROR_CAPTCHA_UNSOLVABLE "Workers could not solve the Captcha" (2captcha.com/api-docs/get-task-result);
     * Anti-Captcha errorId 12 (anti-captcha.com/apidoc/errors); reGOTCHA errorId 1 "Captcha could not be solved"
     * (regotcha.com/docs/api/get-result); CapSolver HTTP 400 errorId 1; CapMonster Cloud errorId 1; uCaptcha
     * documents none (the family's code assumed).
     */
    Error unsolvable() {
        return switch (name) {
            case ProviderTypes.TWOCAPTCHA -> new Error(12, "ERROR_CAPTCHA_UNSOLVABLE", "Workers could not solve the Captcha");
            case ProviderTypes.ANTICAPTCHA -> new Error(12, "ERROR_CAPTCHA_UNSOLVABLE",
                    "Captcha could not be solved by 5 different workers");
            case ProviderTypes.CAPSOLVER -> new Error(400, 1, "ERROR_CAPTCHA_UNSOLVABLE", "Captcha not recognized");
            default -> new Error(1, "ERROR_CAPTCHA_UNSOLVABLE", "Captcha could not be solved");
        };
    }

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
