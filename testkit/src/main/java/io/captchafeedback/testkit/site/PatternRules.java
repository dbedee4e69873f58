package io.captchafeedback.testkit.site;

import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Outcome rules for the {@link PatternPage}s: {@link #rules()} as a user would write them for each page
 * ({@code pattern-rules.yml} next to this class), {@link #defaultsOnly(Duration)} with nothing but
 * {@code include: [defaults]}.
 *
 * <pre>{@code
 * CaptchaFeedback feedback = CaptchaFeedback.builder().config(config).rules(PatternRules.rules()).build();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PatternRules {
    /** The resource name of the rule file. */
    public static final String RESOURCE = "pattern-rules.yml";

    private PatternRules() {
    }

    /** The rule file's text. */
    public static String yaml() {
        try (InputStream in = PatternRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the testkit jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed per-page rules. */
    public static Rules rules() {
        ConfigNode root = ConfigNode.parse(RESOURCE, yaml(), false, System::getenv);
        return RuleFiles.parse(root.required("rules"));
    }

    /** One rule set for every page of the local demo site: {@code include: [defaults]} and this timeout. */
    public static Rules defaultsOnly(Duration timeout) {
        return Rules.of(RuleSet.builder("127.0.0.1").include(RuleSet.DEFAULTS).timeout(timeout).build());
    }
}
