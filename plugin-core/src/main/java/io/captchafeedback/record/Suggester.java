package io.captchafeedback.record;

import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.UrlPattern;
import io.captchafeedback.rule.internal.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Suggests the smallest rule set that separates labelled recordings: for each label, the least brittle
 * condition that holds in every run of that label and in no run of another label (several joined with
 * {@code anyOf} when no single one covers all runs). Least brittle first: a response's status, then a
 * JSON field, a widget reset, the URL, a cookie, then a text (longer texts and texts with digits last; a text
 * that was gone again before the run ended, such as a status line of a document the submission replaced,
 * after every text that stayed: whether a run sees it is a matter of timing).
 *
 * <!-- java: given List<Recording> recordings -->
 * <pre>{@code
 * Suggester.Suggestion s = Suggester.suggest(recordings);
 * Files.writeString(Path.of("rules.yml"), s.yaml());
 * }</pre>
 *
 * <p>Stateless; safe to use from any thread.
 */
public final class Suggester {

    private Suggester() {
    }

    /** A candidate condition, its YAML, how brittle it is (lower is better) and where it came from. */
    record Candidate(Condition condition, String yaml, int cost, String evidence, String field, String value) {
        Candidate(Condition condition, String yaml, int cost, String evidence) {
            this(condition, yaml, cost, evidence, null, null);
        }
    }

    /** JSON number fields that are identifiers, times or counters: never a stable outcome. */
    private static final Pattern VOLATILE_NAME =
            Pattern.compile("(?i).*(id|time|date|stamp|nonce|count|seq|ts|at|expires?|ttl)");

    /**
     * A suggested rule.
     *
     * @param label the label (the rule's verdict)
     * @param condition the condition
     * @param yaml the condition in the rule-file syntax
     * @param evidence what each condition came from
     */
    public record SuggestedRule(Label label, Condition condition, String yaml, List<String> evidence) {
    }

    /**
     * The suggestion.
     *
     * @param rules the rules, in the order written
     * @param yaml the commented rule file
     * @param problems runs no separating condition was found for (empty when all are covered)
     */
    public record Suggestion(List<SuggestedRule> rules, String yaml, List<String> problems) {
    }

    private static final List<Label> ORDER = List.of(Label.REJECTED_OTHER, Label.ACCEPTED, Label.REJECTED_CAPTCHA);

    /**
     * Suggests rules from labelled recordings (unlabelled ones are ignored).
     *
     * @throws IllegalArgumentException when fewer than two labels are present
     */
    public static Suggestion suggest(List<Recording> recordings) {
        Map<Label, List<Recording>> byLabel = new EnumMap<>(Label.class);
        for (Recording r : recordings) {
            if (r.label() != Label.UNLABELLED) {
                byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
            }
        }
        if (byLabel.size() < 2) {
            throw new IllegalArgumentException("need recordings of at least two labels (accepted and rejected), got "
                    + (byLabel.isEmpty() ? "none" : byLabel.keySet()));
        }
        List<SuggestedRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Label label : ORDER) {
            List<Recording> mine = byLabel.get(label);
            if (mine == null) {
                continue;
            }
            List<Recording> others = new ArrayList<>();
            byLabel.forEach((l, list) -> {
                if (l != label) {
                    others.addAll(list);
                }
            });
            Map<String, Candidate> pool = new LinkedHashMap<>();
            Map<String, Set<String>> fieldValues = new LinkedHashMap<>();
            for (Recording r : mine) {
                for (Candidate c : candidates(r)) {
                    pool.merge(c.yaml(), c, (a, b) -> a.cost() <= b.cost() ? a : b); // a text both brief and lasting: its lasting cost
                    if (c.field() != null) {
                        fieldValues.computeIfAbsent(c.field(), k -> new HashSet<>()).add(c.value());
                    }
                }
            }
            List<Candidate> separating = pool.values().stream()
                    .filter(c -> c.field() == null || fieldValues.get(c.field()).size() == 1) // same value in every run
                    .filter(c -> others.stream().noneMatch(o -> Replay.holds(c.condition(), o)))
                    .sorted(Comparator.comparingInt(Candidate::cost).thenComparing(Candidate::yaml))
                    .toList();
            List<Candidate> chosen = cover(separating, mine, problems, label);
            if (chosen.isEmpty()) {
                continue;
            }
            Condition condition = chosen.size() == 1 ? chosen.get(0).condition()
                    : new Condition.AnyOf(chosen.stream().map(Candidate::condition).toList());
            String yaml = chosen.size() == 1 ? chosen.get(0).yaml()
                    : "{ anyOf: [ " + String.join(", ", chosen.stream().map(c -> "{ " + c.yaml() + " }").toList()) + " ] }";
            rules.add(new SuggestedRule(label, condition, yaml, chosen.stream().map(Candidate::evidence).toList()));
        }
        return new Suggestion(List.copyOf(rules), yaml(recordings, byLabel, rules, problems), List.copyOf(problems));
    }

    private static List<Candidate> cover(List<Candidate> separating, List<Recording> mine, List<String> problems, Label label) {
        List<Recording> left = new ArrayList<>(mine);
        List<Candidate> chosen = new ArrayList<>();
        while (!left.isEmpty()) {
            Candidate best = null;
            long bestCount = 0;
            for (Candidate c : separating) {
                long n = left.stream().filter(r -> Replay.holds(c.condition(), r)).count();
                if (n > bestCount) { // sorted by cost: the first with the most coverage wins
                    best = c;
                    bestCount = n;
                }
            }
            if (best == null) {
                for (Recording r : left) {
                    problems.add(r.flow() + " (" + label.name() + "): no condition holds in it and in no run of another label");
                }
                break;
            }
            Candidate b = best;
            left.removeIf(r -> Replay.holds(b.condition(), r));
            chosen.add(best);
        }
        return chosen;
    }

    /** Every condition this recording could be told by, with its cost. */
    static List<Candidate> candidates(Recording r) {
        List<Candidate> out = new ArrayList<>();
        String from = r.flow() + " (" + r.label().name().toLowerCase().replace('_', '-') + "): ";
        for (RecordedEvent e : r.events()) {
            if (e instanceof RecordedEvent.Response x) {
                String glob = "**" + generalPath(x.url());
                Condition.Response base = new Condition.Response(UrlPattern.glob(glob), x.method(), Set.of(x.status()), null, null, null);
                String head = "url: " + Json.write(glob) + (x.method() == null ? "" : ", method: " + x.method()) + ", status: [" + x.status() + "]";
                if (x.method() != null || x.status() != 200) { // a document's 200: its URL says more
                    out.add(new Candidate(base, "response: { " + head + " }", 10, from + e.describe()));
                }
                x.fields().forEach((pointer, literal) -> {
                    if (Json.literalProblem(literal) != null) {
                        return;
                    }
                    boolean number = !literal.startsWith("\"") && !literal.equals("true") && !literal.equals("false")
                            && !literal.equals("null");
                    String name = pointer.substring(pointer.lastIndexOf('/') + 1);
                    if (number && VOLATILE_NAME.matcher(name).matches()) {
                        return;
                    }
                    int cost = number ? 40 : 20 + (literal.startsWith("\"") ? 2 + literal.length() / 8 : 0);
                    out.add(new Candidate(base.json(pointer, jsonValue(literal)),
                            "response: { " + head + ", json: { pointer: " + Json.write(pointer) + ", equals: " + literal + " } }",
                            cost, from + e.describe(), glob + " " + x.method() + " " + pointer, literal));
                });
            } else if (e instanceof RecordedEvent.Widget w && w.kind().equals("reset")) {
                out.add(new Candidate(new Condition.WidgetReset(Set.of()), "widgetReset: {}", 30, from + e.describe()));
            } else if (e instanceof RecordedEvent.Text t && t.appeared()) {
                // a text gone again before the run ended (a status replaced by the next document, a toast) is
                // seen or missed by chance, live as in a recording: last resort only
                boolean brief = goneLater(r, t);
                int cost = 50 + t.text().length() / 8 + (t.text().matches(".*\\d.*") ? 30 : 0)
                        + (t.selector().startsWith(".") || t.selector().startsWith("#") ? 0 : 15) + (brief ? 100 : 0);
                out.add(new Candidate(new Condition.Appeared(new Condition.TextContains(t.text(), t.selector())),
                        "text: { contains: " + Json.write(t.text()) + ", in: " + Json.write(t.selector()) + ", appeared: true }",
                        cost, from + e.describe() + (brief ? " (shown briefly, gone before the run ended)" : "")));
            } else if (e instanceof RecordedEvent.CookieSet c) {
                out.add(new Candidate(new Condition.CookiePresent(c.name()), "cookie: " + Json.write(c.name()), 45,
                        from + e.describe()));
            }
        }
        String end = r.finalUrl();
        if (!end.equals(r.startUrl())) {
            String endPath = generalPath(end);
            if (!endPath.equals(generalPath(r.startUrl()))) {
                String glob = "**" + endPath;
                out.add(new Candidate(new Condition.UrlMatches(UrlPattern.glob(glob)), "url: { glob: " + Json.write(glob) + " }",
                        35, from + "url " + end));
            }
            int q = end.indexOf('?');
            if (q >= 0) {
                for (String part : end.substring(q + 1).split("&")) {
                    if (part.isEmpty() || part.contains(Recorder.REDACTED) || part.matches(".*=.*\\d{4,}.*")) {
                        continue;
                    }
                    String regex = "[?&]" + part.replaceAll("([\\\\.*+?^$()\\[\\]{}|])", "\\\\$1") + "(&|#|$)";
                    out.add(new Candidate(new Condition.UrlMatches(UrlPattern.regex(regex)),
                            "url: { regex: " + Json.write(regex) + " }", 36, from + "url " + end));
                }
            }
        }
        return out;
    }

    /** Whether {@code shown} disappeared again later in the same run. */
    private static boolean goneLater(Recording r, RecordedEvent.Text shown) {
        boolean after = false;
        for (RecordedEvent e : r.events()) {
            if (e == shown) {
                after = true;
            } else if (after && e instanceof RecordedEvent.Text t && !t.appeared() && t.selector().equals(shown.selector())
                    && t.text().equals(shown.text())) {
                return true;
            }
        }
        return false;
    }

    private static Object jsonValue(String literal) {
        return switch (literal) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> literal.startsWith("\"") ? Json.parse(literal).textValue()
                    : literal.contains(".") || literal.contains("e") || literal.contains("E")
                            ? (Object) Double.valueOf(literal) : (Object) Long.valueOf(literal);
        };
    }

    /** The URL's path with numeric or long opaque segments replaced by {@code *}. */
    static String generalPath(String url) {
        String path = Recorder.pathOf(url);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        StringBuilder b = new StringBuilder();
        for (String seg : path.substring(1).split("/", -1)) {
            b.append('/').append(seg.matches("\\d+|[0-9a-fA-F-]{16,}") ? "*" : seg);
        }
        return b.toString();
    }

    private static String yaml(List<Recording> all, Map<Label, List<Recording>> byLabel, List<SuggestedRule> rules,
            List<String> problems) {
        StringBuilder b = new StringBuilder();
        b.append("# Outcome rules suggested by captcha-feedback from ").append(all.size()).append(" recordings (");
        List<String> counts = new ArrayList<>();
        byLabel.forEach((l, list) -> counts.add(list.size() + " " + l.name().toLowerCase().replace('_', '-')));
        b.append(String.join(", ", counts)).append(").\n");
        b.append("# Each condition holds in every run of its verdict and in no run of another verdict.\n");
        b.append("# Review them, then run them on new runs of the page before relying on them.\n");
        for (String p : problems) {
            b.append("# NOT COVERED: ").append(p).append('\n');
        }
        String host = host(all);
        b.append("rules:\n");
        b.append("  - site: ").append(Json.write(host)).append('\n');
        b.append("    name: suggested\n");
        b.append("    rules:\n");
        for (SuggestedRule rule : rules) {
            for (String ev : rule.evidence()) {
                b.append("      # evidence: ").append(ev.replace('\n', ' ')).append('\n');
            }
            b.append("      - name: ").append(rule.label().name().toLowerCase().replace('_', '-')).append('\n');
            b.append("        when: { ").append(rule.yaml().startsWith("{ anyOf") ? rule.yaml().substring(2, rule.yaml().length() - 2)
                    : rule.yaml()).append(" }\n");
            b.append("        verdict: ").append(rule.label().outcome().name()).append('\n');
        }
        return b.toString();
    }

    private static String host(List<Recording> all) {
        for (Recording r : all) {
            try {
                String h = URI.create(r.startUrl()).getHost();
                if (h != null) {
                    return h;
                }
            } catch (IllegalArgumentException e) {
                // try the next
            }
        }
        return "*";
    }
}
