package io.captchafeedback.spi;

import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled forms of a configuration's {@link Rules}, compiled on first use and kept: the rule set
 * that applies to a page, with its includes resolved, ready to {@link CompiledRuleSet#start start} a
 * {@link Detection}.
 *
 * <pre>{@code
 * CompiledRules compiled = CompiledRules.of(RuleFiles.load(Path.of("rules.yml")));
 * compiled.forUrl(URI.create(driver.getCurrentUrl()))
 *         .map(set -> set.start(URI.create(driver.getCurrentUrl())))
 *         .ifPresent(detection -> {
 *             // feed it what the page does
 *         });
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CompiledRules {

    private final Rules rules;
    private final Map<RuleSet, CompiledRuleSet> compiled = new ConcurrentHashMap<>();

    private CompiledRules(Rules rules) {
        this.rules = rules;
    }

    /** The compiled forms of these rules (nothing is compiled until asked). */
    public static CompiledRules of(Rules rules) {
        return new CompiledRules(Objects.requireNonNull(rules, "rules == null"));
    }

    /** The rules compiled here. */
    public Rules rules() {
        return rules;
    }

    /** The compiled form of the first rule set that applies to the URL, includes resolved. */
    public Optional<CompiledRuleSet> forUrl(URI url) {
        return rules.forUrl(url).map(this::compile);
    }

    /** The compiled form of one of these rule sets, includes resolved (kept for the next call). */
    public CompiledRuleSet compile(RuleSet set) {
        return compiled.computeIfAbsent(set, s -> CompiledRuleSet.of(rules, s));
    }

    @Override
    public String toString() {
        return "CompiledRules" + rules.sets().stream().map(RuleSet::name).toList();
    }
}
