package io.captchafeedback.rule;

import io.captchafeedback.spi.CompiledRules;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.rule.internal.Patterns;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome rules of one site: a host glob, an optional path glob, the rules in the order they are
 * tried, the names of rule sets included after them ({@code defaults} is built in), how long to wait
 * for a match, and whether {@link Condition.Script} conditions are allowed.
 *
 * <pre>{@code
 * RuleSet shop = RuleSet.builder("*.shop.example")
 *         .path("/login*")
 *         .rule("logged-in", Condition.urlGlob("https://*.shop.example/account*"), Outcome.ACCEPTED)
 *         .rule("wrong-password", Condition.textContains("Wrong password", ".error"), Outcome.REJECTED_OTHER)
 *         .include("defaults")
 *         .build();
 * CaptchaFeedback feedback = CaptchaFeedback.builder().rules(Rules.of(shop)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a name for messages and includes; defaults to the site and path
 * @param site the host glob ({@code *.shop.example} also matches {@code shop.example})
 * @param path a path glob, or {@code null} for every path
 * @param includes names of rule sets whose rules are tried after these, in order
 * @param timeout how long a detection waits for a rule to match
 * @param allowScripts whether {@link Condition.Script} conditions may be used
 * @param rules the rules in the order they are tried
 * @param settle how long a detection lets the page settle before deciding ({@link Settle#DEFAULT})
 */
public record RuleSet(String name, String site, String path, List<String> includes, Duration timeout,
        boolean allowScripts, List<Rule> rules, Settle settle) {

    /** The timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The name of the built-in rule set. */
    public static final String DEFAULTS = "defaults";

    /** A rule set with the {@linkplain Settle#DEFAULT default settle window}. */
    public RuleSet(String name, String site, String path, List<String> includes, Duration timeout,
            boolean allowScripts, List<Rule> rules) {
        this(name, site, path, includes, timeout, allowScripts, rules, Settle.DEFAULT);
    }

    public RuleSet {
        Objects.requireNonNull(site, "site == null");
        Objects.requireNonNull(settle, "settle == null");
        if (site.isBlank()) {
            throw new IllegalArgumentException("the site (host glob) is empty");
        }
        name = name == null || name.isBlank() ? site + (path == null ? "" : path) : name;
        includes = List.copyOf(Objects.requireNonNull(includes, "includes == null"));
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        rules = List.copyOf(Objects.requireNonNull(rules, "rules == null"));
        if (rules.isEmpty() && includes.isEmpty()) {
            throw new IllegalArgumentException("rule set '" + name + "' has no rules and includes nothing");
        }
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("rule set '" + name + "' has two rules named '" + rule.name() + "'");
            }
            if (!allowScripts && usesScript(rule.when())) {
                throw new IllegalArgumentException("rule '" + rule.name()
                        + "' uses a script condition: set allowScripts in its rule set to allow scripts");
            }
        }
    }

    /** A builder for the given host glob. */
    public static Builder builder(String site) {
        return new Builder(site);
    }

    /**
     * The built-in rule set {@code defaults}: captcha-specific evidence only for {@code REJECTED_CAPTCHA}
     * (relayed siteverify error codes, captcha-named JSON and GraphQL errors, the vendors' failure texts),
     * {@code REJECTED_OTHER} for wrong credentials, rate limits and server errors (docs/rules.md).
     */
    public static RuleSet defaults() {
        return DefaultRules.SET;
    }

    /** Whether this rule set is for the URL's host and path. */
    public boolean appliesTo(URI url) {
        Objects.requireNonNull(url, "url == null");
        if (!Patterns.hostMatches(site, url.getHost())) {
            return false;
        }
        return path == null || Patterns.pathMatches(path, url.getRawPath());
    }

    static boolean usesScript(Condition c) {
        if (c instanceof Condition.Script) {
            return true;
        }
        if (c instanceof Condition.AllOf a) {
            return a.conditions().stream().anyMatch(RuleSet::usesScript);
        }
        if (c instanceof Condition.AnyOf a) {
            return a.conditions().stream().anyMatch(RuleSet::usesScript);
        }
        if (c instanceof Condition.Appeared a) {
            return usesScript(a.condition());
        }
        if (c instanceof Condition.InFrame f) {
            return usesScript(f.condition());
        }
        if (c instanceof Condition.InTop t) {
            return usesScript(t.condition());
        }
        return c instanceof Condition.Not n && usesScript(n.condition());
    }

    /** Builds a {@link RuleSet}; not thread-safe. */
    public static final class Builder {
        private final String site;
        private String name;
        private String path;
        private final List<String> includes = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean allowScripts;
        private Settle settle = Settle.DEFAULT;
        private final List<Rule> rules = new ArrayList<>();

        private Builder(String site) {
            this.site = Objects.requireNonNull(site, "site == null");
        }

        /** The name used in messages and by includes. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /** A path glob such as {@code /login*}. */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path == null");
            return this;
        }

        /** Includes a rule set by name ({@code defaults} or a named set of the same {@link Rules}). */
        public Builder include(String name) {
            includes.add(Objects.requireNonNull(name, "name == null"));
            return this;
        }

        /** How long to wait for a match (default 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        /** Allows {@link Condition.Script} conditions. */
        public Builder allowScripts(boolean allowScripts) {
            this.allowScripts = allowScripts;
            return this;
        }

        /** How long detections let the page settle before deciding (default 100 ms quiet, at most 250 ms). */
        public Builder settle(Settle settle) {
            this.settle = Objects.requireNonNull(settle, "settle == null");
            return this;
        }

        /** Adds a rule. */
        public Builder rule(Rule rule) {
            rules.add(Objects.requireNonNull(rule, "rule == null"));
            return this;
        }

        /** Adds a rule without feedback code or message. */
        public Builder rule(String name, Condition when, Outcome verdict) {
            return rule(Rule.of(name, when, verdict));
        }

        /** The rule set; throws IllegalArgumentException when it is invalid. */
        public RuleSet build() {
            return new RuleSet(name, site, path, includes, timeout, allowScripts, rules, settle);
        }
    }
}
