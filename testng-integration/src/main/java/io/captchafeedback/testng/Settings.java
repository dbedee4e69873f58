package io.captchafeedback.testng;

import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import java.time.Duration;
import java.util.Optional;
import org.testng.ISuite;
import org.testng.ITestNGMethod;

/**
 * Where a suite's {@code CaptchaFeedback} comes from and how its tests are checked, read in this order: the
 * suite's {@code <parameter>}s, system properties, then the {@link CaptchaFeedbackConfiguration} annotation
 * of the test class that first needs the instance (or else of the first test class of the suite carrying one).
 */
record Settings(String where, String file, Class<? extends CaptchaFeedbackFactory> factory, String factoryName,
                boolean failOnRejectedCaptcha, Duration verdictTimeout, String reportDir) {

    static final String CONFIG = "captchafeedback.config";
    static final String FACTORY = "captchafeedback.factory";
    static final String FAIL_ON_REJECTED = "captchafeedback.failOnRejectedCaptcha";
    static final String TIMEOUT = "captchafeedback.verdictTimeoutMillis";
    static final String REPORT_DIR = "captchafeedback.report.dir";
    static final String DEFAULT_REPORT_DIR = "target/captcha-feedback";

    static Settings of(ISuite suite, Class<?> testClass) {
        Optional<CaptchaFeedbackConfiguration> annotation = annotation(testClass);
        if (annotation.isEmpty()) {
            annotation = annotation(suite);
        }
        String where = "the TestNG suite '" + suite.getName() + "'";
        String file = value(suite, CONFIG).orElse(annotation.map(CaptchaFeedbackConfiguration::file).orElse(""));
        Class<? extends CaptchaFeedbackFactory> factory = annotation.map(CaptchaFeedbackConfiguration::factory)
                .filter(f -> f != CaptchaFeedbackFactory.None.class).orElse(null);
        String factoryName = value(suite, FACTORY).orElse(null);
        boolean fail = value(suite, FAIL_ON_REJECTED).map(v -> bool(v, FAIL_ON_REJECTED, where))
                .orElse(annotation.map(CaptchaFeedbackConfiguration::failOnRejectedCaptcha).orElse(false));
        long timeout = value(suite, TIMEOUT).map(v -> millis(v, where))
                .orElse(annotation.map(CaptchaFeedbackConfiguration::verdictTimeoutMillis).orElse(15_000L));
        String reportDir = value(suite, REPORT_DIR).orElse(DEFAULT_REPORT_DIR);
        return new Settings(where, file, factory, factoryName, fail, Duration.ofMillis(timeout), reportDir);
    }

    /** Whether the run's verdict report is written (a directory other than {@code none}). */
    boolean writesReport() {
        return !reportDir.isBlank() && !reportDir.trim().equalsIgnoreCase("none");
    }

    private static Optional<CaptchaFeedbackConfiguration> annotation(ISuite suite) {
        for (ITestNGMethod method : suite.getAllMethods()) {
            Optional<CaptchaFeedbackConfiguration> found = annotation(method.getRealClass());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<CaptchaFeedbackConfiguration> annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            CaptchaFeedbackConfiguration found = c.getAnnotation(CaptchaFeedbackConfiguration.class);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(ISuite suite, String name) {
        String v = suite.getParameter(name);
        if (v == null || v.isBlank()) {
            v = System.getProperty(name);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static boolean bool(String v, String name, String where) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("the parameter " + name + " of " + where + " must be true or false, not '" + v + "'");
    }

    private static long millis(String v, String where) {
        try {
            long ms = Long.parseLong(v);
            if (ms >= 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("the parameter " + TIMEOUT + " of " + where
                + " must be a number of milliseconds (0 or more), not '" + v + "'");
    }
}
