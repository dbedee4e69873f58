package io.captchafeedback.provider;

import java.util.Set;

/**
 * The adapter types built into captcha-feedback, as written in {@link ProviderSettings#type()} and in
 * configuration files. Types of third-party adapters come from their own
 * {@link ProviderAdapter.Factory}.
 */
public final class ProviderTypes {
    /** uCaptcha: {@code feedbackTask} with {@code result.invalid}. */
    public static final String UCAPTCHA = "ucaptcha";
    /** reGOTCHA: {@code feedbackTask} with {@code result.valid}. */
    public static final String REGOTCHA = "regotcha";
    /** CapSolver: {@code feedbackTask} with {@code result.invalid}. */
    public static final String CAPSOLVER = "capsolver";
    /** 2Captcha v2 JSON API: {@code reportCorrect} / {@code reportIncorrect}. */
    public static final String TWOCAPTCHA = "2captcha";
    /** Anti-Captcha: one report endpoint per captcha type, 60 s window. */
    public static final String ANTICAPTCHA = "anticaptcha";
    /** CapMonster Cloud: negative reports only. */
    public static final String CAPMONSTER = "capmonster";
    /** NextCaptcha: no report endpoint; every report is {@link FeedbackResult.Unsupported}. */
    public static final String NEXTCAPTCHA = "nextcaptcha";
    /** Any other {@code feedbackTask}-compatible service (base URL required; speaks {@code invalid} or {@code valid}). */
    public static final String GENERIC = "generic";

    /** Every built-in type. */
    public static final Set<String> BUILT_IN =
            Set.of(UCAPTCHA, REGOTCHA, CAPSOLVER, TWOCAPTCHA, ANTICAPTCHA, CAPMONSTER, NEXTCAPTCHA, GENERIC);

    private ProviderTypes() {
    }
}
