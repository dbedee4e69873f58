package io.captchafeedback.spi;


import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.Rule;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.rule.Settle;
import io.captchafeedback.rule.internal.Json;
import io.captchafeedback.rule.internal.Patterns;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A rule set compiled for one browser round trip per check: all page, URL, cookie and widget
 * conditions are evaluated by ONE in-page probe ({@link #probeFunction()}), whose result an
 * integration feeds to a {@link Detection} together with the HTTP responses and widget events it
 * observes.
 *
 * <!-- java: given RuleSet ruleSet -->
 * <pre>{@code
 * CompiledRuleSet compiled = CompiledRuleSet.of(ruleSet);
 * Detection detection = compiled.start(URI.create(driver.getCurrentUrl()));
 * Object result = ((JavascriptExecutor) driver).executeScript(compiled.probeStatement());   // Selenium
 * // Playwright: Object result = page.evaluate(compiled.probeFunction());
 * detection.onProbe((Map<String, ?>) result);
 * Optional<Verdict> verdict = detection.decide();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledRuleSet {

    private static final String RUNTIME = WidgetHooks.resource("probe-runtime.js");

    private final RuleSet ruleSet;
    private final List<Rule> rules;
    private final Map<Condition, Integer> checks;
    private final List<Condition> checkList;
    private final List<Condition.Response> responses;
    private final String probe;

    private CompiledRuleSet(RuleSet ruleSet, List<Rule> rules) {
        this.ruleSet = ruleSet;
        this.rules = List.copyOf(rules);
        Map<Condition, Integer> found = new LinkedHashMap<>();
        List<Condition.Response> resp = new ArrayList<>();
        for (Rule rule : this.rules) {
            collect(rule.when(), found, resp);
        }
        this.checks = Collections.unmodifiableMap(found);
        this.checkList = List.copyOf(found.keySet());
        this.responses = List.copyOf(resp);
        this.probe = buildProbe(found);
    }

    /**
     * Compiles a rule set whose includes are {@code defaults} only (named includes need the other
     * sets: use {@link CompiledRules#of(Rules)}).
     *
     * @throws IllegalStateException if the set includes a named rule set
     */
    public static CompiledRuleSet of(RuleSet ruleSet) {
        List<Rule> all = new ArrayList<>(ruleSet.rules());
        for (String include : ruleSet.includes()) {
            if (!include.equals(RuleSet.DEFAULTS)) {
                throw new IllegalStateException("rule set '" + ruleSet.name() + "' includes '" + include
                        + "': resolve named includes through CompiledRules.of(rules)");
            }
            all.addAll(RuleSet.defaults().rules());
        }
        return new CompiledRuleSet(ruleSet, all);
    }

    /** Compiles a rule set of {@code rules}, its includes resolved among them. */
    static CompiledRuleSet of(Rules rules, RuleSet ruleSet) {
        return new CompiledRuleSet(ruleSet, rules.effectiveRules(ruleSet));
    }

    private static void collect(Condition c, Map<Condition, Integer> checks, List<Condition.Response> responses) {
        if (c instanceof Condition.AllOf a) {
            a.conditions().forEach(x -> collect(x, checks, responses));
        } else if (c instanceof Condition.AnyOf a) {
            a.conditions().forEach(x -> collect(x, checks, responses));
        } else if (c instanceof Condition.Not n) {
            collect(n.condition(), checks, responses);
        } else if (c instanceof Condition.Appeared a) {
            collect(a.condition(), checks, responses);
        } else if (c instanceof Condition.Response r) {
            if (!responses.contains(r)) {
                responses.add(r);
            }
        } else if (isProbeCheck(c)) {
            checks.putIfAbsent(c, checks.size());
        }
    }

    static boolean isProbeCheck(Condition c) {
        return c instanceof Condition.ElementPresent || c instanceof Condition.ElementVisible
                || c instanceof Condition.TextContains || c instanceof Condition.TextMatches
                || c instanceof Condition.WidgetShown || c instanceof Condition.Script
                || c instanceof Condition.InFrame || c instanceof Condition.InTop;
    }

    private static String buildProbe(Map<Condition, Integer> checks) {
        StringBuilder js = new StringBuilder(RUNTIME.length() + checks.size() * 80 + 64);
        js.append("function () {\n'use strict';\n").append(RUNTIME).append("\nreturn run([\n");
        boolean first = true;
        for (Condition c : checks.keySet()) {
            if (!first) {
                js.append(",\n");
            }
            first = false;
            js.append("function () { return ").append(checkExpression(c)).append("; }");
        }
        return js.append("\n]);\n}").toString();
    }

    private static String checkExpression(Condition c) {
        if (c instanceof Condition.InTop t) {
            return checkExpression(t.condition());
        }
        if (c instanceof Condition.InFrame f) {
            return "inFrame(" + Json.write(f.frame()) + ", function () { return " + checkExpression(f.condition()) + "; })";
        }
        if (c instanceof Condition.ElementPresent p) {
            return "present(" + Json.write(p.css()) + ")";
        }
        if (c instanceof Condition.ElementVisible v) {
            return "shown(" + Json.write(v.css()) + ")";
        }
        if (c instanceof Condition.TextContains t) {
            return "contains(" + Json.write(t.text().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)) + ", " + Json.write(t.css()) + ")";
        }
        if (c instanceof Condition.TextMatches t) {
            String source = t.regex();
            String flags = "";
            if (source.startsWith("(?i)")) {
                source = source.substring(4);
                flags = "i";
            }
            return "matches(new RegExp(" + Json.write(source) + ", " + Json.write(flags) + "), " + Json.write(t.css())
                    + ", " + Json.write(Patterns.requiredLiterals(t.regex())) + ")";
        }
        if (c instanceof Condition.WidgetShown) {
            return "challengeShown()";
        }
        if (c instanceof Condition.Script s) {
            return "(function (v) { return { m: !!v, x: cut(typeof v === 'string' ? v : String(v)) }; })"
                    + "((new Function(" + Json.write("return (" + s.expression() + "\n);") + "))())";
        }
        throw new IllegalArgumentException("not a probe check: " + c);
    }

    /** The rule set this was compiled from. */
    public RuleSet ruleSet() {
        return ruleSet;
    }

    /** The rules in evaluation order: the set's own, then those of its includes. */
    public List<Rule> rules() {
        return rules;
    }

    /** How long a detection waits for a match. */
    public Duration timeout() {
        return ruleSet.timeout();
    }

    /**
     * The probe as a JavaScript function expression ({@code function () {...}}) taking no argument and
     * returning a JSON-able object; for Playwright's {@code page.evaluate}. It never throws: bad
     * selectors and failing scripts are reported per check.
     */
    public String probeFunction() {
        return probe;
    }

    /** The probe as a statement returning its result: {@code return (function () {...})();}, for Selenium's {@code executeScript}. */
    public String probeStatement() {
        return "return (" + probe + ")();";
    }

    /** How many in-page checks the probe runs (identical conditions are checked once). */
    public int probeChecks() {
        return checks.size();
    }

    /**
     * Whether some rule uses {@code appeared}: an integration should then feed a probe taken just before
     * the injection to {@link Detection#onBaseline}, or the first probe after it is the baseline.
     */
    public boolean needsBaseline() {
        return rules.stream().anyMatch(r -> usesAppeared(r.when()));
    }

    private static boolean usesAppeared(Condition c) {
        if (c instanceof Condition.Appeared) {
            return true;
        }
        if (c instanceof Condition.AllOf a) {
            return a.conditions().stream().anyMatch(CompiledRuleSet::usesAppeared);
        }
        if (c instanceof Condition.AnyOf a) {
            return a.conditions().stream().anyMatch(CompiledRuleSet::usesAppeared);
        }
        return c instanceof Condition.Not n && usesAppeared(n.condition());
    }

    /** How long detections let the page settle before deciding. */
    public Settle settle() {
        return ruleSet.settle();
    }

    /** Whether some rule looks at HTTP responses at all. */
    public boolean needsResponses() {
        return !responses.isEmpty();
    }

    /** Whether some rule looks at response bodies. */
    public boolean needsResponseBodies() {
        return responses.stream().anyMatch(Condition.Response::needsBody);
    }

    /** Whether some rule could match a response from this URL (others need not be fed in). */
    public boolean wantsResponse(String url) {
        return responses.stream().anyMatch(r -> r.url().matches(url));
    }

    /** Whether some rule needs the body of a response from this URL (fetch it only then). */
    public boolean needsBody(String url) {
        return responses.stream().anyMatch(r -> r.needsBody() && r.url().matches(url));
    }

    /** Starts a detection on the system clock. */
    public Detection start(URI startUrl) {
        return start(startUrl, Clock.systemUTC());
    }

    /** Starts a detection: events before now are ignored; the timeout runs from now. */
    public Detection start(URI startUrl, Clock clock) {
        return new Detection(this, Objects.requireNonNull(startUrl, "startUrl == null"),
                Objects.requireNonNull(clock, "clock == null"));
    }

    Condition checkAt(int index) {
        return checkList.get(index);
    }

    /**
     * The condition that in-page check {@code index} of the probe answers ({@code 0 <= index < probeChecks()}):
     * for feeding a {@link Detection} probe results computed elsewhere (a replayed recording).
     */
    public Condition probeCheck(int index) {
        return checkAt(index);
    }

    int checkIndex(Condition c) {
        Integer i = checks.get(c);
        return i == null ? -1 : i;
    }

    @Override
    public String toString() {
        return "CompiledRuleSet[" + ruleSet.name() + ", " + rules.size() + " rules, " + checks.size() + " probe checks]";
    }
}
