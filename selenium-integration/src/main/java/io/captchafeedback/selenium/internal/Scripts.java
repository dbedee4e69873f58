package io.captchafeedback.selenium.internal;

import io.captchafeedback.rule.CompiledRuleSet;
import io.captchafeedback.rule.WidgetHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

    /** A statement for executeScript that starts the probe runner in the current document ({@code arguments[0]} = id, {@code [1]} = deadline). */
    static String armStatement(CompiledRuleSet compiled) {
        return "return (" + RUNNER + ")(window.captchaFeedbackEvent, arguments[0], arguments[1], " + probe(compiled) + ");";
    }

    private static String probe(CompiledRuleSet compiled) {
        return compiled.probeFunction();
    }

    private static String strip(String text) {
        StringBuilder body = new StringBuilder();
        boolean header = true;
        for (String line : text.split("\n", -1)) {
            if (header && line.startsWith("//")) {
                continue;
            }
            header = false;
            body.append(line).append('\n');
        }
        return body.toString().strip();
    }

    private static String load(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream("/io/captchafeedback/selenium/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/captchafeedback/selenium/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
