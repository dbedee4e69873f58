package io.captchafeedback.samples.demo;

/** The browser automation libraries the demo drives headless Chromium with. */
enum Engine {
    /** Selenium WebDriver with BiDi, through {@code SeleniumCaptchaFeedback.attach}. */
    SELENIUM("selenium"),
    /** Playwright for Java, through {@code PlaywrightCaptchaFeedback.attach}. */
    PLAYWRIGHT("playwright");

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    /** Its name on the command line and in the table. */
    String label() {
        return label;
    }

    static Engine byName(String name) {
        for (Engine e : values()) {
            if (e.label.equals(name)) {
                return e;
            }
        }
        return null;
    }
}
