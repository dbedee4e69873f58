package io.captchafeedback.provider;

/**
 * How a provider spells its task ids. Tasks always keep the id as a String; an adapter for an
 * {@link #INTEGER} provider sends it as a JSON number and refuses an id that is not one.
 */
public enum TaskIdKind {
    /** A JSON string (UUID or prefixed id): uCaptcha, reGOTCHA, CapSolver. */
    STRING,
    /** A JSON integer: 2Captcha, Anti-Captcha, CapMonster, NextCaptcha. */
    INTEGER
}
