package io.captchafeedback.rule;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All outcome rule sets of a configuration. The first rule set (in declared order) that applies to a
 * URL is used; its includes are resolved by name ({@code defaults} is built in, other names refer to
 * rule sets of the same {@code Rules}).
 *
 * <pre>{@code
 * Rules rules = RuleFiles.load(Path.of("rules.yml"));
 * rules.compiledFor(URI.create(driver.getCurrentUrl()))
 *      .map(compiled -> compiled.start(URI.create(driver.getCurrentUrl())))
 *      .ifPresent(detection -> ...);
 * }</pre>
 *
 * <p>Immutable and thread-safe (compiled rule sets are cached).
 */
public final class Rules {

    private final List<RuleSet> sets;
    private final Map<String, RuleSet> byName = new LinkedHashMap<>();
    private final Map<RuleSet, CompiledRuleSet> compiled = new ConcurrentHashMap<>();

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

    /** The compiled form (includes resolved) of the first rule set that applies to the URL. */
    public Optional<CompiledRuleSet> compiledFor(URI url) {
        return forUrl(url).map(this::compile);
    }

    /** The compiled form of one of these rule sets, includes resolved (cached). */
    public CompiledRuleSet compile(RuleSet set) {
        return compiled.computeIfAbsent(set, s -> CompiledRuleSet.compile(s, effectiveRules(s)));
    }

    /** The rules of a set followed by those of its includes (depth first, each included set once). */
    List<Rule> effectiveRules(RuleSet set) {
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
