package io.captchafeedback.selenium.internal;

import io.captchafeedback.spi.ScriptResources;

import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.spi.WidgetHooks;

/** The in-page scripts of the Selenium integration, loaded once. */
final class Scripts {
    static final String CHANNEL = "captcha-feedback";
    static final String PRELOAD = strip(load("preload.js")).replace("/*WIDGET_HOOKS*/", WidgetHooks.script());
    private static final String RUNNER = strip(load("probe-runner.js"));

    private Scripts() {
    }

    /** A preload script (channel argument) that runs the probe of {@code compiled} in each new document. */
    static String probePreload(CompiledRuleSet compiled, long id, long deadlineMillis) {
        return "(channel) => { (" + RUNNER + ")(channel, " + id + ", " + deadlineMillis + ", " + probe(compiled) + "); }";
    }

    /**
     * A statement for executeScript that starts the probe runner in the current document ({@code arguments[0]} = id,
     * {@code [1]} = deadline); it sends through the channel an earlier runner defined there, and does not start without one.
     */
    static String armStatement(CompiledRuleSet compiled) {
        return "return (" + RUNNER + ")(window.captchaFeedbackEvent, arguments[0], arguments[1], " + probe(compiled) + ");";
    }

    /** A function for BiDi's callFunction (arguments: channel, id, deadline) that starts the probe runner in a document. */
    static String armFunction(CompiledRuleSet compiled) {
        return "(channel, id, deadline) => (" + RUNNER + ")(function (json) { channel(json); }, id, deadline, " + probe(compiled) + ")";
    }

    private static String probe(CompiledRuleSet compiled) {
        return compiled.probeFunction();
    }

    private static String strip(String text) {
        return ScriptResources.withoutLeadingComments(text);
    }

    private static String load(String name) {
        return ScriptResources.load(Scripts.class, "/io/captchafeedback/selenium/" + name);
    }
}
