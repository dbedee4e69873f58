package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Shared inputs of the configuration tests: fake keys, an isolated environment and the test files. */
final class ConfigFixtures {

    /** Fake keys, distinctive enough that any leak into a message or toString() is found by search. */
    static final String UCAPTCHA_KEY = "canary-ucaptcha-5b7e2f";
    static final String CAPSOLVER_KEY = "canary-capsolver-91d4c0";
    static final String ROUTER_KEY = "canary-router-0a6e3b";

    /** The environment the test files expect; no real environment variable is ever read. */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "UCAPTCHA_KEY", UCAPTCHA_KEY,
            "CAPSOLVER_KEY", CAPSOLVER_KEY,
            "ROUTER_KEY", ROUTER_KEY,
            "EMPTY_KEY", "");

    private static final Path DIR = Path.of("src", "test", "resources", "config");

    private ConfigFixtures() {
    }

    static Path good(String name) {
        return DIR.resolve("good").resolve(name);
    }

    static Path bad(String name) {
        return DIR.resolve("bad").resolve(name);
    }

    /** A builder that sees no real system property or environment variable. */
    static CaptchaFeedbackConfig.Builder isolated() {
        return isolated(Map.of(), ENVIRONMENT);
    }

    /** A builder that sees exactly these system properties and environment variables. */
    static CaptchaFeedbackConfig.Builder isolated(Map<String, String> properties, Map<String, String> environment) {
        Properties props = new Properties();
        props.putAll(properties);
        return CaptchaFeedbackConfig.builder().systemProperties(props).environment(environment);
    }

    /** {@link #ENVIRONMENT} plus the given variables. */
    static Map<String, String> environmentWith(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(ENVIRONMENT);
        all.putAll(more);
        return all;
    }
}
