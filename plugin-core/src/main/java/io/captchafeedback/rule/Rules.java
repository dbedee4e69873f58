package io.captchafeedback.rule;

import io.captchafeedback.spi.CompiledRules;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * All outcome rule sets of a configuration. The first rule set (in declared order) that applies to a
 * URL is used; its includes are resolved by name ({@code defaults} is built in, other names refer to
 * rule sets of the same {@code Rules}).
 *
 * <pre>{@code
 * Rules rules = RuleFiles.load(Path.of("rules.yml"));
 * CaptchaFeedback feedback = CaptchaFeedback.builder().rules(rules).build();
 * Optional<RuleSet> set = rules.forUrl(URI.create("https://www.shop.example/login"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Rules {

    private final List<RuleSet> sets;
    private final Map<String, RuleSet> byName = new LinkedHashMap<>();

    private Rules(List<RuleSet> sets) {
        this.sets = List.copyOf(sets);
        for (RuleSet set : this.sets) {
            if (set.name().equals(RuleSet.DEFAULTS)) {
                throw new IllegalArgumentException("the name 'defaults' is reserved for the built-in rule set");
            }
            if (byName.putIfAbsent(set.name(), set) != null) {
                throw new IllegalArgumentException("two rule sets are named '" + set.name() + "'");
            }
        }
        for (RuleSet set : this.sets) {
            effectiveRules(set); // fails on unknown or circular includes
        }
    }

    /** Rules made of these rule sets, tried in this order. */
    public static Rules of(List<RuleSet> sets) {
        return new Rules(Objects.requireNonNull(sets, "sets == null"));
    }

    /** Rules made of these rule sets, tried in this order. */
    public static Rules of(RuleSet... sets) {
        return new Rules(List.of(sets));
    }

    /** No rules: every URL gets no detection. */
    public static Rules none() {
        return new Rules(List.of());
    }

    /** The rule sets in declared order. */
    public List<RuleSet> sets() {
        return sets;
    }

    /** The first rule set that applies to the URL. */
    public Optional<RuleSet> forUrl(URI url) {
        Objects.requireNonNull(url, "url == null");
        for (RuleSet set : sets) {
            if (set.appliesTo(url)) {
                return Optional.of(set);
            }
        }
        return Optional.empty();
    }

    /**
     * The rules that decide for a set: its own, then those of its includes (depth first, each included
     * set once; {@code defaults} is the built-in set). This is the order in which they are tried.
     *
     * @throws IllegalArgumentException if the set includes a name that is neither {@code defaults}
     *     nor a rule set of these rules
     */
    public List<Rule> effectiveRules(RuleSet set) {
        Objects.requireNonNull(set, "set == null");
        List<Rule> out = new ArrayList<>();
        collect(set, new LinkedHashSet<>(), new LinkedHashSet<>(), out);
        return out;
    }

    private void collect(RuleSet set, Set<String> path, Set<String> done, List<Rule> out) {
        if (!path.add(set.name())) {
            throw new IllegalArgumentException("rule set includes form a cycle: " + String.join(" -> ", path) + " -> " + set.name());
        }
        if (done.add(set.name())) {
            out.addAll(set.rules());
            for (String include : set.includes()) {
                RuleSet included = include.equals(RuleSet.DEFAULTS) ? RuleSet.defaults() : byName.get(include);
                if (included == null) {
                    throw new IllegalArgumentException("rule set '" + set.name() + "' includes '" + include
                            + "', which is neither 'defaults' nor the name of a rule set");
                }
                collect(included, path, done, out);
            }
        }
        path.remove(set.name());
    }

    @Override
    public String toString() {
        return "Rules" + sets.stream().map(RuleSet::name).toList();
    }
}
