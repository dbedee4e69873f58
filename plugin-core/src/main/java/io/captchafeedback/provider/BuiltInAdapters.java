package io.captchafeedback.provider;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Creates the adapters of every type in {@link ProviderTypes}: the capability table (endpoint per
 * captcha type and polarity, window, task id kind), the default base URL and the request style of each
 * provider, and the options they take. Types are matched case-insensitively.
 *
 * <p>Stateless and thread-safe.
 */
final class BuiltInAdapters implements ProviderAdapter.Factory {

    static final BuiltInAdapters INSTANCE = new BuiltInAdapters(Clock.systemUTC());

    static final String FEEDBACK_TASK = "/feedbackTask";

    /** Options of the generic adapter. */
    static final String OPTION_PATH = "path";
    static final String OPTION_STYLE = "style";
    static final String OPTION_TASK_ID_KIND = "taskIdKind";
    static final String OPTION_WINDOW = "window";
    /** Generic option: {@code true} when the service answers a repeated report "already recorded". */
    static final String OPTION_ANSWERS_REPEATS = "answersRepeats";
    /** Option of the CapSolver adapter. */
    static final String OPTION_APP_ID = "appId";

    private final Clock clock;

    BuiltInAdapters(Clock clock) {
        this.clock = clock;
    }

    /**
     * What an adapter of these settings would be, without creating it: the base URL, request style, extra
     * fields and capabilities.
     */
    private record Prepared(HttpUrl baseUrl, RequestStyle style, Map<String, String> extraFields,
            ProviderCapabilities capabilities) {
    }

    @Override
    public ProviderAdapter create(ProviderSettings settings, OkHttpClient client) {
        Prepared p = prepare(settings);
        return p == null ? null : new HttpFeedbackAdapter(settings, p.baseUrl(), p.capabilities(), p.style(),
                p.extraFields(), client, clock, dialect(settings));
    }

    /**
     * Checks the settings as {@link #create} would, without creating anything (no client is needed).
     *
     * @return {@code false} when the type is not a built-in one
     * @throws ConfigException whose path names the bad setting ({@code providers.<id>.options.<name>})
     */
    boolean check(ProviderSettings settings) {
        return prepare(settings) != null;
    }

    private Prepared prepare(ProviderSettings settings) {
        switch (settings.type().toLowerCase(Locale.ROOT)) {
            case ProviderTypes.UCAPTCHA:
                return adapter(settings, "https://api.ucaptcha.net", Set.of(), RequestStyle.INVALID, Map.of(),
                        new ProviderCapabilities(TaskIdKind.STRING, null, every(FEEDBACK_TASK), every(FEEDBACK_TASK),
                                "router: feedback feeds the reliability scores that steer later routing;"
                                        + " result.code and result.message are sent")
                                // The uCaptcha seed documents no answer to a repeated report: a second copy
                                // would be a second complaint, so an attempt with an unknown outcome is not repeated.
                                .withAnswersRepeats(false));
            case ProviderTypes.REGOTCHA:
                return adapter(settings, "https://api.regotcha.com", Set.of(), RequestStyle.VALID, Map.of(),
                        new ProviderCapabilities(TaskIdKind.STRING, Duration.ofHours(24), every(FEEDBACK_TASK),
                                every(FEEDBACK_TASK), "one feedback per task, within 24 h of completion")
                                // A repeat is answered ERROR_FEEDBACK_EXISTS (reGOTCHA feedbackTask reference).
                                .withAnswersRepeats(true));
            case ProviderTypes.CAPSOLVER: {
                Map<String, String> extra = new LinkedHashMap<>();
                settings.option(OPTION_APP_ID).ifPresent(appId -> extra.put("appId", appId));
                return adapter(settings, "https://api.capsolver.com", Set.of(OPTION_APP_ID),
                        RequestStyle.INVALID_INTEGER_CODE, extra,
                        new ProviderCapabilities(TaskIdKind.STRING, null, every(FEEDBACK_TASK), every(FEEDBACK_TASK),
                                "result.code is an integer: a text code is sent at the head of the message; no documented window")
                                // https://docs.capsolver.com/guide/api-feedback.html documents no answer to a repeat.
                                .withAnswersRepeats(false));
            }
            case ProviderTypes.TWOCAPTCHA:
                return adapter(settings, "https://api.2captcha.com", Set.of(), RequestStyle.ENDPOINT_ONLY,
                        Map.of(), new ProviderCapabilities(TaskIdKind.INTEGER, Duration.ofMinutes(15),
                                every("/reportCorrect"), every("/reportIncorrect"),
                                "reports refused (REPORT_NOT_RECORDED) when complaints exceed ~40% or come late;"
                                        + " duplicates refused")
                                // https://2captcha.com/api-docs/report-incorrect (the v2 JSON API used here) documents
                                // no answer to a repeat; only the legacy res.php lists ERROR_DUPLICATE_REPORT.
                                .withAnswersRepeats(false));
            case ProviderTypes.ANTICAPTCHA:
                return adapter(settings, "https://api.anti-captcha.com", Set.of(), RequestStyle.ENDPOINT_ONLY,
                        Map.of(), new ProviderCapabilities(TaskIdKind.INTEGER, Duration.ofSeconds(60),
                                // reportCorrectRecaptcha: "Recaptcha V3 and Recaptcha V2 Enterprise tasks"
                                // (https://anti-captcha.com/apidoc/methods/reportCorrectRecaptcha)
                                where(t -> t == CaptchaType.RECAPTCHA_V3 || t == CaptchaType.RECAPTCHA_ENTERPRISE,
                                        "/reportCorrectRecaptcha"),
                                anticaptchaNegative(),
                                "once per task within 60 s of completion; positive reports only for reCAPTCHA v3"
                                        + " and Enterprise; complaints only about reCAPTCHA, hCaptcha and images")
                                // "Only one report can be sent per task"; a repeat is refused with errorId 16
                                // (https://anti-captcha.com/apidoc/methods/reportIncorrectRecaptcha).
                                .withAnswersRepeats(true));
            case ProviderTypes.CAPMONSTER:
                return adapter(settings, "https://api.capmonster.cloud", Set.of(), RequestStyle.ENDPOINT_ONLY,
                        Map.of(), new ProviderCapabilities(TaskIdKind.INTEGER, null, Map.of(), capmonsterNegative(),
                                "negative reports only: image captchas, and tokens of reCAPTCHA v2/v3/Enterprise,"
                                        + " GeeTest and Turnstile; no report for other types")
                                // https://docs.capmonster.cloud/docs/api/bad-tokens/ documents no answer to a repeat.
                                .withAnswersRepeats(false));
            case ProviderTypes.NEXTCAPTCHA:
                return adapter(settings, "https://api.nextcaptcha.com", Set.of(), RequestStyle.ENDPOINT_ONLY,
                        Map.of(), new ProviderCapabilities(TaskIdKind.INTEGER, null, Map.of(), Map.of(),
                                "no report endpoint: every report is skipped"));
            case ProviderTypes.GENERIC:
                return generic(settings);
            default:
                return null;
        }
    }

    /** Checks every option on its own and fails with all the problems found. */
    private Prepared generic(ProviderSettings settings) {
        List<ConfigException> problems = new ArrayList<>();
        ConfigException.collect(problems, () -> checkOptions(settings, Set.of(OPTION_PATH, OPTION_STYLE,
                OPTION_TASK_ID_KIND, OPTION_WINDOW, OPTION_ANSWERS_REPEATS)));
        if (settings.baseUrl() == null) {
            problems.add(invalid(settings, "baseUrl", "type '" + ProviderTypes.GENERIC + "' needs a base URL (baseUrl)"));
        }
        String path = settings.option(OPTION_PATH).orElse(FEEDBACK_TASK);
        if (!path.startsWith("/") || path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '?' || c == '#')) {
            problems.add(invalid(settings, option(OPTION_PATH), "expected a path such as /feedbackTask, got '" + path + "'"));
        }
        Object[] read = new Object[4];
        ConfigException.collect(problems, () -> read[0] = choice(settings, OPTION_STYLE, Map.of("invalid", RequestStyle.INVALID,
                "valid", RequestStyle.VALID), RequestStyle.INVALID));
        ConfigException.collect(problems, () -> read[1] = choice(settings, OPTION_TASK_ID_KIND, Map.of("string", TaskIdKind.STRING,
                "integer", TaskIdKind.INTEGER), TaskIdKind.STRING));
        ConfigException.collect(problems, () -> read[2] = settings.option(OPTION_WINDOW).map(text -> {
            Duration parsed = ConfigNode.parseDuration(text);
            if (parsed == null || parsed.isNegative() || parsed.isZero()) {
                throw invalid(settings, option(OPTION_WINDOW),
                        "expected a positive duration such as 60s, 15m, 24h or PT24H, got '" + text + "'");
            }
            return parsed;
        }).orElse(null));
        ConfigException.collect(problems, () -> read[3] = choice(settings, OPTION_ANSWERS_REPEATS,
                Map.of("true", true, "false", false), false));
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        RequestStyle style = (RequestStyle) read[0];
        String notes = "feedbackTask-compatible service at " + path + ", result."
                + (style == RequestStyle.VALID ? "valid" : "invalid");
        return build(settings, settings.baseUrl().toString(), style, Map.of(),
                new ProviderCapabilities((TaskIdKind) read[1], (Duration) read[2], every(path), every(path), notes,
                        (Boolean) read[3]));
    }

    private Prepared adapter(ProviderSettings settings, String defaultBaseUrl,
            Set<String> options, RequestStyle style, Map<String, String> extraFields, ProviderCapabilities caps) {
        checkOptions(settings, options);
        String base = settings.baseUrlOverride().map(Object::toString).orElse(defaultBaseUrl);
        return build(settings, base, style, extraFields, caps);
    }

    private static Prepared build(ProviderSettings settings, String baseUrl, RequestStyle style,
            Map<String, String> extraFields, ProviderCapabilities caps) {
        HttpUrl base = HttpUrl.parse(baseUrl);
        if (base == null || base.query() != null || base.fragment() != null) {
            throw invalid(settings, "baseUrl", "expected an http or https URL without query,"
                    + " such as https://api.example.com, got '" + baseUrl + "'");
        }
        return new Prepared(base, style, extraFields, caps);
    }

    private static AnswerDialect dialect(ProviderSettings settings) {
        switch (settings.type().toLowerCase(Locale.ROOT)) {
            case ProviderTypes.ANTICAPTCHA:
                return AnswerDialect.ANTICAPTCHA;
            case ProviderTypes.CAPSOLVER:
                return AnswerDialect.CAPSOLVER;
            default:
                return AnswerDialect.PLAIN;
        }
    }

    /**
     * CapMonster Cloud: "For captcha images reports: reportIncorrectImageCaptcha. For token-captcha
     * reports: recaptcha(2,3, enterprise), geetest, turnstile: reportIncorrectTokenCaptcha"
     * (https://docs.capmonster.cloud/docs/api/bad-tokens/). No positive reports. hCaptcha and FunCaptcha
     * appear only in an older wiki page and no longer in the docs: not sent.
     */
    static Map<CaptchaType, String> capmonsterNegative() {
        Map<CaptchaType, String> negative = where(t -> t.isRecaptcha() || t.isGeeTest() || t == CaptchaType.TURNSTILE,
                "/reportIncorrectTokenCaptcha");
        negative.put(CaptchaType.IMAGE, "/reportIncorrectImageCaptcha");
        return negative;
    }

    /**
     * Anti-Captcha: complaints about reCAPTCHA v2/v3/Enterprise at reportIncorrectRecaptcha, hCaptcha at
     * reportIncorrectHcaptcha, image captchas at reportIncorrectImageCaptcha
     * (https://anti-captcha.com/apidoc/methods/reportIncorrectRecaptcha, .../reportIncorrectHcaptcha,
     * .../reportIncorrectImageCaptcha); no report method for the other types.
     */
    private static Map<CaptchaType, String> anticaptchaNegative() {
        Map<CaptchaType, String> negative = new EnumMap<>(CaptchaType.class);
        for (CaptchaType t : CaptchaType.values()) {
            if (t.isRecaptcha()) {
                negative.put(t, "/reportIncorrectRecaptcha");
            }
        }
        negative.put(CaptchaType.HCAPTCHA, "/reportIncorrectHcaptcha");
        negative.put(CaptchaType.IMAGE, "/reportIncorrectImageCaptcha");
        return negative;
    }

    private static Map<CaptchaType, String> every(String path) {
        return where(t -> true, path);
    }

    private static Map<CaptchaType, String> where(Predicate<CaptchaType> which, String path) {
        Map<CaptchaType, String> endpoints = new EnumMap<>(CaptchaType.class);
        for (CaptchaType t : CaptchaType.values()) {
            if (which.test(t)) {
                endpoints.put(t, path);
            }
        }
        return endpoints;
    }

    /** Fails with one problem for each option not in {@code allowed}. */
    private static void checkOptions(ProviderSettings settings, Set<String> allowed) {
        List<ConfigException> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(settings.options().keySet())) {
            if (!allowed.contains(name)) {
                unknown.add(invalid(settings, option(name), allowed.isEmpty()
                        ? "type '" + settings.type() + "' takes no options, got '" + name + "'"
                        : ConfigNode.unknownMessage("option", name, allowed)));
            }
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.of(unknown);
        }
    }

    private static <T> T choice(ProviderSettings settings, String option, Map<String, T> values, T fallback) {
        String text = settings.option(option).orElse(null);
        if (text == null) {
            return fallback;
        }
        T value = values.get(text.trim().toLowerCase(Locale.ROOT));
        if (value == null) {
            throw invalid(settings, option(option),
                    ConfigNode.unknownMessage("value", text, List.copyOf(values.keySet())));
        }
        return value;
    }

    /** The key path below a provider of option {@code name}: {@code options.<name>}. */
    static String option(String name) {
        return "options." + name;
    }

    /**
     * A configuration error about one provider, with the key path {@code providers.<id>}, which the
     * configuration turns into a file position when the provider came from a file. The key is removed
     * from the problem, which may quote a configured value (a key pasted into the wrong field must not be
     * echoed).
     */
    static ConfigException invalid(ProviderSettings settings, String problem) {
        return invalid(settings, null, problem);
    }

    /**
     * Like {@link #invalid(ProviderSettings, String)}, about one setting of the provider: {@code key} is its
     * path below the provider ({@code baseUrl}, {@code options.style}).
     */
    static ConfigException invalid(ProviderSettings settings, String key, String problem) {
        return new ConfigException(null, 0, 0, "providers." + settings.id() + (key == null ? "" : "." + key),
                redact(problem, settings.apiKey().reveal()));
    }

    /**
     * The problem without the key. A key shorter than 4 characters is removed only where it stands quoted
     * as a value ({@code 'k'}): replacing it everywhere would mangle the words of the message.
     */
    private static String redact(String problem, String key) {
        return key.length() < 4 ? problem.replace("'" + key + "'", "'[redacted]'") : problem.replace(key, "[redacted]");
    }

    @Override
    public String toString() {
        return "BuiltInAdapters" + new TreeSet<>(ProviderTypes.BUILT_IN);
    }
}
