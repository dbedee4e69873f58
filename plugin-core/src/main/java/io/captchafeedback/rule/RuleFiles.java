package io.captchafeedback.rule;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.rule.internal.Json;
import io.captchafeedback.rule.internal.Patterns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads outcome rules from YAML or JSON: the {@code rules:} section of the configuration file, or a
 * stand-alone rule file (a document with a top-level {@code rules:} list). Every mistake is reported
 * as a {@link ConfigException} naming the file, line, column and what was expected. The format is
 * described in {@code docs/rules.md}.
 *
 * <!-- java: not compiled (YAML) -->
 * <pre>{@code
 * rules:
 *   - site: "*.shop.example"
 *     include: [defaults]
 *     rules:
 *       - name: logged-in
 *         when: { url: { glob: "https://*.shop.example/account*" } }
 *         verdict: ACCEPTED
 * }</pre>
 *
 * <pre>{@code
 * Rules rules = RuleFiles.load(Path.of("rules.yml"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RuleFiles {

    private static final Set<String> FILE_KEYS = Set.of("rules");
    private static final Set<String> SET_KEYS = Set.of("name", "site", "path", "include", "timeout", "allowScripts", "settle",
            "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "when", "verdict", "feedback");
    private static final Set<String> FEEDBACK_KEYS = Set.of("code", "message");
    private static final List<String> VERDICTS = List.of("ACCEPTED", "REJECTED_CAPTCHA", "REJECTED_OTHER");
    private static final Set<String> TYPES = Set.of("url", "urlChanged", "element", "text", "response", "cookie",
            "widgetReset", "widgetShown", "script", "allOf", "anyOf", "not");
    private static final Set<String> RESPONSE_KEYS = Set.of("url", "urlRegex", "method", "status", "json", "body");

    private RuleFiles() {
    }

    /** Reads a stand-alone rule file (JSON when named {@code *.json}, YAML otherwise), with {@code ${ENV}} from the environment. */
    public static Rules load(Path file) {
        return load(file, System::getenv);
    }

    /** Reads a stand-alone rule file, looking {@code ${ENV}} references up with {@code env}. */
    public static Rules load(Path file, Function<String, String> env) {
        ConfigNode root = ConfigNode.parse(Objects.requireNonNull(file, "file == null"), env);
        if (root.isObject()) {
            root.checkKeys(FILE_KEYS);
            return parse(root.required("rules"));
        }
        return parse(root);
    }

    /**
     * Reads the {@code rules:} section of a configuration (a list of rule sets); an object holding a
     * {@code rules} key is accepted too.
     *
     * @throws ConfigException with every problem of the section ({@link ConfigException#problems()})
     */
    public static Rules parse(ConfigNode rulesSection) {
        List<ConfigException> found = new ArrayList<>();
        Rules rules = null;
        try {
            rules = parse(rulesSection, found::add);
        } catch (ConfigException e) {
            found.add(e);
        }
        if (!found.isEmpty()) {
            throw ConfigException.of(found);
        }
        return rules;
    }

    /**
     * Every problem of a {@code rules:} section (as {@link #parse(ConfigNode)} reads it), located, in file
     * order: each rule set, each rule and each of their keys is checked on its own, so one mistake does not
     * hide the next (within one condition, the first). Empty when the section is valid.
     */
    public static List<ConfigException> problems(ConfigNode rulesSection) {
        try {
            parse(rulesSection);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    /** Parses; problems of a set or a rule go to {@code sink} and parsing goes on (the result is then not used). */
    private static Rules parse(ConfigNode rulesSection, Consumer<ConfigException> sink) {
        ConfigNode list = Objects.requireNonNull(rulesSection, "rulesSection == null");
        if (list.isObject() && list.has("rules")) {
            list.checkKeys(FILE_KEYS);
            list = list.required("rules");
        }
        if (!list.isArray()) {
            throw list.error("expected a list of rule sets (each with site: and rules:), got " + list.describe());
        }
        List<RuleSet> sets = new ArrayList<>();
        Map<String, ConfigNode> names = new HashMap<>();
        Map<String, ConfigNode> includeNodes = new LinkedHashMap<>();
        Map<String, ConfigNode> setNodes = new HashMap<>();
        int[] reported = {0};
        Consumer<ConfigException> counted = e -> {
            reported[0]++;
            sink.accept(e);
        };
        Set<String> written = new HashSet<>(); // names of sets with problems count too: including one is no new problem
        for (ConfigNode item : list.items()) {
            if (item.isObject()) {
                item.optional("name").filter(n -> n.kind() == ConfigNode.Kind.STRING).ifPresent(n -> written.add(n.asString()));
            }
            try {
                RuleSet set = parseSet(item, includeNodes, counted);
                setNodes.put(set.name(), item);
                ConfigNode nameNode = item.optional("name").orElse(item);
                if (set.name().equals(RuleSet.DEFAULTS)) {
                    throw nameNode.error("the name 'defaults' is reserved for the built-in rule set");
                }
                if (names.putIfAbsent(set.name(), nameNode) != null) {
                    throw nameNode.error("another rule set is already named '" + set.name() + "' (line "
                            + names.get(set.name()).line() + ")");
                }
                sets.add(set);
            } catch (ConfigException e) {
                report(e, counted);
            } catch (SkippedSet e) {
                // its rules' problems are reported
            }
        }
        Set<String> known = new TreeSet<>(names.keySet());
        known.add(RuleSet.DEFAULTS);
        for (Map.Entry<String, ConfigNode> include : includeNodes.entrySet()) {
            String name = include.getValue().asString();
            if (!known.contains(name) && !written.contains(name)) {
                report(include.getValue().error(ConfigNode.unknownMessage("rule set", name, known)), counted);
            }
        }
        if (reported[0] > 0) {
            return null; // not used: the problems are thrown
        }
        try {
            return Rules.of(inherit(sets, setNodes)); // refuses circular includes (inherit stops at a set seen before)
        } catch (IllegalArgumentException e) {
            throw list.error(e.getMessage());
        }
    }

    /**
     * What an include carries besides rules: a set that writes no {@code timeout:} (or no {@code settle:})
     * takes the one of the first set it includes, in include order and depth first, that writes one or
     * inherits one; with none, the default. {@code defaults} carries no timeout and no settle.
     */
    private static List<RuleSet> inherit(List<RuleSet> sets, Map<String, ConfigNode> nodes) {
        Map<String, RuleSet> byName = new HashMap<>();
        sets.forEach(set -> byName.put(set.name(), set));
        List<RuleSet> out = new ArrayList<>();
        for (RuleSet set : sets) {
            Duration timeout = inherited(set, "timeout", byName, nodes, RuleSet::timeout, new HashSet<>());
            Settle settle = inherited(set, "settle", byName, nodes, RuleSet::settle, new HashSet<>());
            out.add(new RuleSet(set.name(), set.site(), set.path(), set.includes(),
                    timeout == null ? set.timeout() : timeout, set.allowScripts(), set.rules(),
                    settle == null ? set.settle() : settle));
        }
        return out;
    }

    /** The value of {@code key} the set writes or inherits, or {@code null} when none does. */
    private static <T> T inherited(RuleSet set, String key, Map<String, RuleSet> byName, Map<String, ConfigNode> nodes,
            Function<RuleSet, T> value, Set<String> seen) {
        if (!seen.add(set.name())) {
            return null;
        }
        if (nodes.get(set.name()).has(key)) {
            return value.apply(set);
        }
        for (String include : set.includes()) {
            RuleSet included = byName.get(include);
            T found = included == null ? null : inherited(included, key, byName, nodes, value, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A set none of whose rules could be read (only while collecting problems). */
    private static final class SkippedSet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SkippedSet() {
            super(null, null, false, false);
        }
    }

    private static void report(ConfigException e, Consumer<ConfigException> sink) {
        e.problems().forEach(sink);
    }

    private static RuleSet parseSet(ConfigNode node, Map<String, ConfigNode> includeNodes, Consumer<ConfigException> sink) {
        if (!node.isObject()) {
            throw node.error("expected a rule set (a mapping with site: and rules:), got " + node.describe());
        }
        // each key on its own: a bad one is a problem and the next is read
        List<ConfigException> problems = new ArrayList<>();
        ConfigException.collect(problems, () -> node.checkKeys(SET_KEYS));
        // "includ:" or "rule:" is the problem: "needs rules: or include:" would only repeat it
        boolean misspeltRules = problems.stream().flatMap(p -> p.problems().stream())
                .anyMatch(p -> p.problem().contains("(did you mean 'rules'?)") || p.problem().contains("(did you mean 'include'?)"));
        String[] siteGlob = {"*"};
        ConfigException.collect(problems, () -> {
            ConfigNode site = node.required("site");
            siteGlob[0] = nonBlank(site, "a host glob such as \"*.shop.example\"");
            if (siteGlob[0].chars().anyMatch(Character::isWhitespace)) {
                throw site.error("expected a host glob such as \"*.shop.example\" (a host has no space), got " + site.describe());
            }
        });
        RuleSet.Builder builder = RuleSet.builder(siteGlob[0]);
        ConfigException.collect(problems, () -> node.optional("name").ifPresent(n -> builder.name(nonBlank(n, "a rule set name"))));
        ConfigException.collect(problems, () -> node.optional("path").ifPresent(p -> {
            String path = nonBlank(p, "a path glob such as \"/login*\"");
            if (!path.startsWith("/") && !path.startsWith("*")) {
                throw p.error("expected a path glob starting with '/' or '*', got " + p.describe());
            }
            builder.path(path);
        }));
        node.optional("include").ifPresent(inc -> {
            for (ConfigNode i : inc.isArray() ? inc.items() : List.of(inc)) {
                ConfigException.collect(problems, () -> {
                    nonBlank(i, "the name of a rule set to include, such as defaults");
                    includeNodes.put(i.source() + ":" + i.line() + ":" + i.column() + ":" + i.path(), i);
                    builder.include(i.asString());
                });
            }
        });
        ConfigException.collect(problems, () -> node.optional("timeout").ifPresent(t -> {
            Duration d = t.asDuration();
            if (d.isZero() || d.isNegative()) {
                throw t.error("expected a positive duration such as 10s, got " + t.describe());
            }
            builder.timeout(d);
        }));
        ConfigException.collect(problems, () -> node.optional("settle").ifPresent(n -> builder.settle(settle(n))));
        boolean[] allowScripts = {false};
        ConfigException.collect(problems, () -> allowScripts[0] = node.optional("allowScripts").map(ConfigNode::asBoolean).orElse(false));
        builder.allowScripts(allowScripts[0]);
        ConfigNode rules = node.optional("rules").orElse(null);
        boolean includes = node.has("include") && (!node.required("include").isArray() || !node.required("include").items().isEmpty());
        if (rules == null) {
            if (!includes && !misspeltRules) {
                problems.add(node.error("a rule set needs rules: (a non-empty list) or include: [defaults]"));
            }
        } else if (!rules.isArray()) {
            problems.add(rules.error("expected a list of rules, got " + rules.describe()));
        } else if (rules.items().isEmpty() && !includes) {
            problems.add(rules.error("empty rule set: expected at least one rule (or include: [defaults])"));
        } else {
            Map<String, ConfigNode> ruleNames = new HashMap<>();
            int failed = 0;
            for (ConfigNode r : rules.items()) {
                try {
                    Rule rule = parseRule(r, allowScripts[0]);
                    ConfigNode nameNode = r.required("name");
                    if (ruleNames.putIfAbsent(rule.name(), nameNode) != null) {
                        throw nameNode.error("another rule of this set is already named '" + rule.name() + "' (line "
                                + ruleNames.get(rule.name()).line() + ")");
                    }
                    builder.rule(rule);
                } catch (ConfigException e) {
                    report(e, sink);
                    failed++;
                }
            }
            if (problems.isEmpty() && failed == rules.items().size() && !includes) {
                throw new SkippedSet(); // each rule's problem is reported: "empty" would not be one
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static Rule parseRule(ConfigNode node, boolean allowScripts) {
        if (!node.isObject()) {
            throw node.error("expected a rule (a mapping with name:, when: and verdict:), got " + node.describe());
        }
        // name, when, verdict and feedback each on their own
        List<ConfigException> problems = new ArrayList<>();
        ConfigException.collect(problems, () -> node.checkKeys(RULE_KEYS));
        String[] name = {null};
        ConfigException.collect(problems, () -> name[0] = nonBlank(node.required("name"), "a rule name"));
        Condition[] when = {null};
        ConfigException.collect(problems, () -> when[0] = parseCondition(node.required("when"), allowScripts));
        Outcome[] verdict = {null};
        ConfigException.collect(problems, () -> {
            ConfigNode verdictNode = node.required("verdict");
            String verdictText = verdictNode.asString();
            if (verdictText.equalsIgnoreCase("UNKNOWN")) {
                throw verdictNode.error("a rule cannot decide UNKNOWN (that is what no match gives); expected one of: "
                        + String.join(", ", VERDICTS));
            }
            verdict[0] = Outcome.valueOf(verdictNode.asChoice(VERDICTS));
        });
        String[] feedbackText = {null, null};
        ConfigNode feedback = node.optional("feedback").orElse(null);
        if (feedback != null) {
            ConfigException.collect(problems, () -> {
                if (!feedback.isObject()) {
                    throw feedback.error("expected a mapping with code: and/or message:, got " + feedback.describe());
                }
                List<ConfigException> inside = new ArrayList<>();
                ConfigException.collect(inside, () -> feedback.checkKeys(FEEDBACK_KEYS));
                ConfigException.collect(inside, () -> feedbackText[0] = feedback.optional("code").map(ConfigNode::asText).orElse(null));
                ConfigException.collect(inside, () -> feedbackText[1] = feedback.optional("message").map(ConfigNode::asString).orElse(null));
                if (verdict[0] == Outcome.REJECTED_OTHER) {
                    inside.add(feedback.error("a REJECTED_OTHER rule sends no feedback: remove feedback: or change the verdict"));
                }
                if (!inside.isEmpty()) {
                    throw ConfigException.of(inside);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        return new Rule(name[0], when[0], verdict[0], feedbackText[0], feedbackText[1]);
    }

    static Condition parseCondition(ConfigNode node, boolean allowScripts) {
        if (!node.isObject()) {
            throw node.error("expected a condition such as { url: { glob: \"...\" } }, got " + node.describe());
        }
        Map<String, ConfigNode> fields = node.fields();
        if (fields.isEmpty()) {
            throw node.error("expected a condition, got an empty mapping; condition types: " + String.join(", ", new TreeSet<>(TYPES)));
        }
        List<String> keys = new ArrayList<>(fields.keySet());
        List<ConfigException> unknown = new ArrayList<>();
        for (String key : keys) {
            if (!TYPES.contains(key)) {
                unknown.add(fields.get(key).error(ConfigNode.unknownMessage("condition type", key, TYPES)));
            }
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.of(unknown);
        }
        if (keys.size() > 1) {
            throw fields.get(keys.get(1)).error("a condition has exactly one type, found '" + keys.get(0) + "' and '"
                    + keys.get(1) + "': combine them with allOf: or anyOf:");
        }
        String type = keys.get(0);
        ConfigNode v = fields.get(type);
        try {
            switch (type) {
                case "url": return url(v);
                case "urlChanged": return flag(v, new Condition.UrlChanged());
                case "element": return element(v);
                case "text": return text(v);
                case "response": return response(v);
                case "cookie": return new Condition.CookiePresent(v.isObject() ? one(v, Set.of("name")).asString() : nonBlank(v, "a cookie name"));
                case "widgetReset": return widgetReset(v);
                case "widgetShown": return flag(v, new Condition.WidgetShown());
                case "script": {
                    if (!allowScripts) {
                        throw v.error("script conditions run code in the page: set allowScripts: true in this rule set to use them");
                    }
                    return new Condition.Script(nonBlank(v, "a JavaScript expression"));
                }
                case "allOf":
                case "anyOf": {
                    if (!v.isArray() || v.items().isEmpty()) {
                        throw v.error("expected a non-empty list of conditions, got " + v.describe());
                    }
                    List<Condition> parts = new ArrayList<>();
                    List<ConfigException> bad = new ArrayList<>();
                    for (ConfigNode item : v.items()) {
                        ConfigException.collect(bad, () -> parts.add(parseCondition(item, allowScripts)));
                    }
                    if (!bad.isEmpty()) {
                        throw ConfigException.of(bad);
                    }
                    return type.equals("allOf") ? new Condition.AllOf(parts) : new Condition.AnyOf(parts);
                }
                default: return new Condition.Not(parseCondition(v, allowScripts));
            }
        } catch (IllegalArgumentException e) {
            throw v.error(e.getMessage());
        }
    }

    private static Condition url(ConfigNode v) {
        if (v.kind() == ConfigNode.Kind.STRING) {
            return new Condition.UrlMatches(UrlPattern.glob(nonBlank(v, "a URL glob")));
        }
        ConfigNode p = one(v, Set.of("glob", "regex"));
        String text = nonBlank(p, "a URL pattern");
        boolean regex = v.has("regex");
        checkRegex(p, regex);
        return new Condition.UrlMatches(new UrlPattern(text, regex));
    }

    private static Condition flag(ConfigNode v, Condition c) {
        if (v.kind() == ConfigNode.Kind.BOOLEAN && v.asBoolean()) {
            return c;
        }
        if (v.isObject() && v.fields().isEmpty()) {
            return c;
        }
        throw v.error("expected {} or true, got " + v.describe());
    }

    private static Settle settle(ConfigNode n) {
        if (n.kind() == ConfigNode.Kind.BOOLEAN) {
            return n.asBoolean() ? Settle.DEFAULT : Settle.NONE;
        }
        if (!n.isObject()) {
            throw n.error("expected { quiet: 100ms, max: 250ms } or false, got " + n.describe());
        }
        n.checkKeys(Set.of("quiet", "max"));
        Duration quiet = n.optional("quiet").map(ConfigNode::asDuration).orElse(Settle.DEFAULT.quiet());
        Duration max = n.optional("max").map(ConfigNode::asDuration).orElse(quiet.compareTo(Settle.DEFAULT.max()) > 0
                ? quiet : Settle.DEFAULT.max());
        try {
            return Settle.of(quiet, max);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static Condition element(ConfigNode v) {
        if (!v.isObject()) {
            throw v.error("expected { present: \"css\" } or { visible: \"css\" }, optionally with appeared: true and frame: \"css\", got "
                    + v.describe());
        }
        v.checkKeys(Set.of("present", "visible", "appeared", "frame"));
        if (v.has("present") == v.has("visible")) {
            throw v.error("expected exactly one of: present, visible");
        }
        String selector = css(v.required(v.has("present") ? "present" : "visible"));
        Condition c = v.has("present") ? new Condition.ElementPresent(selector) : new Condition.ElementVisible(selector);
        return scoped(v, c);
    }

    /** Applies the optional frame: and appeared: keys of an element or text condition. */
    private static Condition scoped(ConfigNode v, Condition c) {
        ConfigNode frame = v.optional("frame").orElse(null);
        if (frame != null) {
            c = frame.kind() == ConfigNode.Kind.STRING && frame.asString().equals("top") ? new Condition.InTop(c)
                    : new Condition.InFrame(css(frame), c);
        }
        ConfigNode appeared = v.optional("appeared").orElse(null);
        if (appeared != null) {
            if (appeared.kind() != ConfigNode.Kind.BOOLEAN) {
                throw appeared.error("expected true or false, got " + appeared.describe());
            }
            if (appeared.asBoolean()) {
                c = new Condition.Appeared(c);
            }
        }
        return c;
    }

    private static Condition text(ConfigNode v) {
        if (!v.isObject()) {
            throw v.error("expected { contains: \"...\" } or { matches: \"regex\" }, optionally with in: \"css\", appeared: true, frame: \"css\", got " + v.describe());
        }
        v.checkKeys(Set.of("contains", "matches", "in", "appeared", "frame"));
        String in = v.optional("in").map(RuleFiles::css).orElse(null);
        boolean contains = v.has("contains");
        if (contains == v.has("matches")) {
            throw v.error("expected exactly one of contains: or matches:");
        }
        ConfigNode what = v.required(contains ? "contains" : "matches");
        String text = nonBlank(what, contains ? "the text to look for" : "a regular expression");
        if (contains) {
            return scoped(v, new Condition.TextContains(text, in));
        }
        checkRegex(what, true);
        return scoped(v, new Condition.TextMatches(text, in));
    }

    /** A response condition; each of its keys is checked on its own and all problems are thrown together. */
    private static Condition response(ConfigNode v) {
        if (!v.isObject()) {
            throw v.error("expected { url: \"glob\", method: POST, status: [403] }, got " + v.describe());
        }
        List<ConfigException> problems = new ArrayList<>();
        ConfigException.collect(problems, () -> v.checkKeys(RESPONSE_KEYS));
        UrlPattern[] url = {null};
        ConfigException.collect(problems, () -> {
            if (v.has("url") == v.has("urlRegex")) {
                throw v.error("expected exactly one of url: (a glob) or urlRegex: (a regular expression)");
            }
            ConfigNode urlNode = v.required(v.has("url") ? "url" : "urlRegex");
            checkRegex(urlNode, v.has("urlRegex"));
            url[0] = new UrlPattern(nonBlank(urlNode, "a URL pattern"), v.has("urlRegex"));
        });
        String[] method = {null};
        ConfigException.collect(problems, () -> method[0] = v.optional("method").map(m -> {
            String s = nonBlank(m, "an HTTP method such as POST");
            if (!s.matches("[A-Za-z]+")) {
                throw m.error("expected an HTTP method such as POST, got " + m.describe());
            }
            return s;
        }).orElse(null));
        Set<Integer> statuses = new TreeSet<>();
        v.optional("status").ifPresent(s -> {
            for (ConfigNode item : s.isArray() ? s.items() : List.of(s)) {
                ConfigException.collect(problems, () -> statuses.addAll(status(item)));
            }
        });
        String[] json = {null, null}; // pointer, value
        boolean[] notNull = {false};
        v.optional("json").ifPresent(node -> ConfigException.collect(problems, () -> json(node, json, notNull)));
        String[] body = {null};
        ConfigException.collect(problems, () -> body[0] = v.optional("body").map(b -> {
            checkRegex(b, true);
            return nonBlank(b, "a regular expression");
        }).orElse(null));
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        return new Condition.Response(url[0], method[0], statuses, json[0], json[1], body[0], notNull[0]);
    }

    /** The {@code json:} test of a response condition into {@code out} (pointer, value) and {@code notNull}. */
    private static void json(ConfigNode json, String[] out, boolean[] notNull) {
        if (!json.isObject()) {
            throw json.error("expected { pointer: \"/success\", equals: false } (or exists: true, or notNull: true), got "
                    + json.describe());
        }
        json.checkKeys(Set.of("pointer", "equals", "exists", "notNull"));
        int tests = (json.has("equals") ? 1 : 0) + (json.has("exists") ? 1 : 0) + (json.has("notNull") ? 1 : 0);
        if (tests > 1) {
            throw json.error("expected at most one of equals:, exists:, notNull: (exists: a JSON null counts; notNull: it does not)");
        }
        for (String flag : List.of("exists", "notNull")) {
            ConfigNode f = json.fields().get(flag);
            if (f != null && (f.kind() != ConfigNode.Kind.BOOLEAN || !f.asBoolean())) {
                throw f.error("expected true (leave " + flag + ": out otherwise), got " + f.describe());
            }
        }
        notNull[0] = json.has("notNull");
        ConfigNode p = json.required("pointer");
        out[0] = p.asString();
        String problem = Json.pointerProblem(out[0]);
        if (problem != null) {
            throw p.error(problem);
        }
        ConfigNode eq = json.fields().get("equals");
        if (eq != null) {
            if (eq.isArray() || eq.isObject()) {
                throw eq.error("expected a text, number, boolean or null to compare with, got " + eq.describe());
            }
            out[1] = eq.kind() == ConfigNode.Kind.STRING ? Json.write(eq.asString())
                    : eq.kind() == ConfigNode.Kind.NULL ? "null" : eq.asText();
        }
    }

    private static Set<Integer> status(ConfigNode item) {
        String text = item.asText().trim();
        if (text.matches("[1-5]xx")) {
            int base = (text.charAt(0) - '0') * 100;
            Set<Integer> range = new TreeSet<>();
            for (int s = base; s < base + 100; s++) {
                range.add(s);
            }
            return range;
        }
        if (item.kind() == ConfigNode.Kind.NUMBER && text.matches("\\d{3}")) {
            int s = Integer.parseInt(text);
            if (s >= 100 && s <= 599) {
                return Set.of(s);
            }
        }
        throw item.error("expected an HTTP status from 100 to 599 or a class such as 4xx, got " + item.describe());
    }

    private static Condition widgetReset(ConfigNode v) {
        if (v.kind() == ConfigNode.Kind.BOOLEAN && v.asBoolean()) {
            return new Condition.WidgetReset(Set.of());
        }
        if (!v.isObject()) {
            throw v.error("expected {} or { widgets: [recaptcha, hcaptcha, turnstile, arkose] }, got " + v.describe());
        }
        v.checkKeys(Set.of("widgets"));
        EnumSet<Widget> widgets = EnumSet.noneOf(Widget.class);
        v.optional("widgets").ifPresent(list -> {
            for (ConfigNode w : list.isArray() ? list.items() : List.of(list)) {
                String id = w.asChoice(List.of("recaptcha", "hcaptcha", "turnstile", "arkose", "funcaptcha"));
                widgets.add(Widget.fromId(id).orElseThrow());
            }
        });
        return new Condition.WidgetReset(widgets);
    }

    /** The only field of a mapping whose keys must be exactly one of {@code allowed}. */
    private static ConfigNode one(ConfigNode v, Set<String> allowed) {
        if (!v.isObject()) {
            throw v.error("expected a mapping with one of: " + String.join(", ", new TreeSet<>(allowed)) + ", got " + v.describe());
        }
        v.checkKeys(allowed);
        if (v.fields().size() != 1) {
            throw v.error("expected exactly one of: " + String.join(", ", new TreeSet<>(allowed)));
        }
        return v.fields().values().iterator().next();
    }

    private static String css(ConfigNode node) {
        String css = nonBlank(node, "a CSS selector");
        String problem = Patterns.cssProblem(css);
        if (problem != null) {
            throw node.error(problem);
        }
        return css.trim();
    }

    private static void checkRegex(ConfigNode node, boolean regex) {
        if (regex) {
            String problem = Patterns.regexProblem(node.asString());
            if (problem != null) {
                throw node.error(problem);
            }
        }
    }

    private static String nonBlank(ConfigNode node, String expected) {
        if (node.kind() != ConfigNode.Kind.STRING || node.asString().isBlank()) {
            throw node.error("expected " + expected + ", got " + node.describe());
        }
        return node.asString();
    }
}
