package io.captchafeedback.playwright.internal;

import io.captchafeedback.rule.WidgetHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The in-page scripts: the core's widget hooks followed by the Playwright page agent. */
final class PageScripts {
    private static final String AGENT = load("page-agent.js");
    private static final String INIT = WidgetHooks.script() + "\n;\n" + AGENT;
    private static final String NOW = "() => {\n" + INIT + "\n}";

    private PageScripts() {
    }

    /** The init script for new documents. */
    static String init() {
        return INIT;
    }

    /** The same as a function for {@code page.evaluate}, for documents loaded before attaching. */
    static String now() {
        return NOW;
    }

    static final String WATCH = "on => { const a = window.__captchaFeedback; return !!(a && a.watch && a.watch(on)); }";

    private static String load(String name) {
        try (InputStream in = PageScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + PageScripts.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
