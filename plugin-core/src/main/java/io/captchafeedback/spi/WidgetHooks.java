package io.captchafeedback.spi;



/**
 * The in-page widget hooks: an init script that wraps {@code reset} and {@code render} of
 * {@code grecaptcha}, {@code grecaptcha.enterprise}, {@code hcaptcha} and {@code turnstile} before the
 * page's scripts run, and Arkose Labs' two client APIs (the legacy {@code new ArkoseEnforcement(...)} /
 * {@code new FunCaptcha(...)}, and the enforcement object's {@code setConfig} and {@code reset} handed to
 * the {@code api.js} script's {@code data-callback}), and records each call in
 * {@code window.__captchaFeedback} (read by the probe, and by injection for the callbacks).
 * When the engine exposes a function {@code window.captchaFeedbackEvent}, each call is also pushed to it
 * as JSON ({@link WidgetEvent#parse(String)}). Injecting it twice is harmless.
 *
 * <!-- java: given org.openqa.selenium.bidi.module.Script script -->
 * <pre>{@code
 * page.addInitScript(WidgetHooks.script());                               // Playwright
 * script.addPreloadScript("() => {" + WidgetHooks.script() + "}");        // Selenium BiDi
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class WidgetHooks {

    /** The page global the hooks write to. */
    public static final String GLOBAL = "__captchaFeedback";

    /** The function the hooks call, when the engine exposed it, with each event as JSON. */
    public static final String BINDING = "captchaFeedbackEvent";

    private static final String SCRIPT = resource("widget-hooks.js");

    private WidgetHooks() {
    }

    /** The init script (a self-invoking function, valid as a statement list or function body). */
    public static String script() {
        return SCRIPT;
    }

    static String resource(String name) {
        return ScriptResources.load(WidgetHooks.class, "/io/captchafeedback/js/" + name);
    }
}
