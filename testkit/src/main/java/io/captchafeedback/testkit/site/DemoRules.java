package io.captchafeedback.testkit.site;

import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The outcome rules for the {@link DemoSite}: one rule set per {@link DemoReaction}, written as a user
 * would write them for a real site (the file is {@code demo-rules.yml} next to this class).
 *
 * <pre>{@code
 * CaptchaFeedback feedback = CaptchaFeedback.builder().config(config).rules(DemoRules.rules()).build();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class DemoRules {
    /** The resource name of the rule file. */
    public static final String RESOURCE = "demo-rules.yml";

    private DemoRules() {
    }

    /** The rule file's text. */
    public static String yaml() {
        return text(RESOURCE);
    }

    /** The parsed rules. */
    public static Rules rules() {
        return parse(RESOURCE);
    }

    /** The text of a rule file next to this class. */
    static String text(String resource) {
        try (InputStream in = DemoRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the testkit jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules of a rule file next to this class. */
    static Rules parse(String resource) {
        ConfigNode root = ConfigNode.parse(resource, text(resource), false, System::getenv);
        return RuleFiles.parse(root.required("rules"));
    }
}
