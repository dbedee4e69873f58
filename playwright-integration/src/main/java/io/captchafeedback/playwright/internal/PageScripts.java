package io.captchafeedback.playwright.internal;

import io.captchafeedback.spi.ScriptResources;

import io.captchafeedback.spi.WidgetHooks;

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

    private static String load(String name) {
        return ScriptResources.load(PageScripts.class, name);
    }
}
