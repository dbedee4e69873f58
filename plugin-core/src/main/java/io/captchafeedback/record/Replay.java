package io.captchafeedback.record;

import io.captchafeedback.spi.CompiledRules;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.Rule;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.rule.internal.Json;
import io.captchafeedback.rule.internal.Patterns;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import java.util.Optional;

/**
 * Replays recordings through rules: which rule (in declared order, includes after) holds on what each
 * recording observed, and whether that is the recording's label. Conditions a recording cannot answer
 * (element presence, scripts, a response body regex) count as not holding.
 *
 * <pre>{@code
 * for (Replay.Row row : Replay.run(RuleFiles.load(rulesFile), recordings)) { ... row.ok() ... }
 * }</pre>
 *
 * <p>Stateless; safe to use from any thread.
 */
public final class Replay {

    private Replay() {
    }

    /**
     * One replayed recording.
     *
     * @param flow the recording's flow
     * @param label its label
     * @param verdict the verdict the rules gave ({@link Outcome#UNKNOWN} when no rule held)
     * @param rule the deciding rule's name, or why nothing decided
     */
    public record Row(String flow, Label label, Outcome verdict, String rule) {
        /** Whether the verdict is the label (an unlabelled recording is always fine). */
        public boolean ok() {
            return label == Label.UNLABELLED || label.outcome() == verdict;
        }
    }

    /** Replays every recording through the rule set of its start URL. */
    public static List<Row> run(Rules rules, List<Recording> recordings) {
        List<Row> rows = new ArrayList<>();
        for (Recording r : recordings) {
            Optional<CompiledRuleSet> set;
            try {
                String u = r.startUrl();
                int q = u.indexOf('?');
                set = CompiledRules.of(rules).forUrl(URI.create(q < 0 ? u : u.substring(0, q)));
            } catch (IllegalArgumentException e) {
                set = Optional.empty();
            }
            if (set.isEmpty()) {
                rows.add(new Row(r.flow(), r.label(), Outcome.UNKNOWN, "no rule set for " + r.startUrl()));
                continue;
            }
            Row row = new Row(r.flow(), r.label(), Outcome.UNKNOWN, "no rule matched: " + r.summary());
            for (Rule rule : set.get().rules()) {
                if (holds(rule.when(), r)) {
                    row = new Row(r.flow(), r.label(), rule.verdict(), rule.name());
                    break;
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** Whether the condition holds on what the recording observed. */
    public static boolean holds(Condition c, Recording r) {
        if (c instanceof Condition.UrlMatches u) {
            return u.pattern().matches(r.finalUrl());
        } else if (c instanceof Condition.UrlChanged) {
            return !r.finalUrl().equals(r.startUrl());
        } else if (c instanceof Condition.TextContains t) {
            String wanted = norm(t.text());
            return texts(r, t.css()).stream().anyMatch(x -> norm(x).contains(wanted));
        } else if (c instanceof Condition.TextMatches t) {
            return texts(r, t.css()).stream().anyMatch(x -> Patterns.cachedRegex(t.regex()).matcher(x).find());
        } else if (c instanceof Condition.Appeared a) {
            return holds(a.condition(), r);
        } else if (c instanceof Condition.InTop a) {
            return holds(a.condition(), r);
        } else if (c instanceof Condition.InFrame a) {
            return holds(a.condition(), r);
        } else if (c instanceof Condition.Response x) {
            return r.events().stream().anyMatch(e -> e instanceof RecordedEvent.Response resp && matches(x, resp));
        } else if (c instanceof Condition.CookiePresent k) {
            return r.events().stream().anyMatch(e -> e instanceof RecordedEvent.CookieSet s && s.name().equals(k.name()));
        } else if (c instanceof Condition.WidgetReset w) {
            return widget(r, "reset", w.widgets().stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
        } else if (c instanceof Condition.WidgetShown) {
            return widget(r, "render", null);
        } else if (c instanceof Condition.AllOf all) {
            return all.conditions().stream().allMatch(x -> holds(x, r));
        } else if (c instanceof Condition.AnyOf any) {
            return any.conditions().stream().anyMatch(x -> holds(x, r));
        } else if (c instanceof Condition.Not not) {
            return !holds(not.condition(), r);
        }
        return false; // element, script: not recorded
    }

    private static boolean matches(Condition.Response c, RecordedEvent.Response e) {
        if (!c.url().matches(e.url()) || (c.method() != null && (e.method() == null || !c.method().equalsIgnoreCase(e.method())))
                || (!c.statuses().isEmpty() && !c.statuses().contains(e.status())) || c.bodyPattern() != null) {
            return false;
        }
        if (c.jsonPointer() == null) {
            return true;
        }
        String value = e.fields().get(c.jsonPointer());
        if (value == null) {
            String prefix = c.jsonPointer() + "/";
            boolean nested = e.fields().keySet().stream().anyMatch(k -> k.startsWith(prefix));
            return nested && c.jsonValue() == null;
        }
        if (c.jsonValue() != null) {
            return Json.sameValue(Json.parse(value), Json.parse(c.jsonValue()));
        }
        return !c.jsonNotNull() || !value.equals("null");
    }

    private static List<String> texts(Recording r, String css) {
        List<String> out = new ArrayList<>();
        for (RecordedEvent e : r.events()) {
            if (e instanceof RecordedEvent.Text t && t.appeared() && (css == null || css.equals(t.selector()))) {
                out.add(t.text());
            }
        }
        return out;
    }

    private static boolean widget(Recording r, String kind, List<String> widgets) {
        return r.events().stream().anyMatch(e -> e instanceof RecordedEvent.Widget w && w.kind().equals(kind)
                && (widgets == null || widgets.contains(w.widget())));
    }

    static String norm(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** A table of rows: flow, label, verdict, rule, and OK or MISMATCH. */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format("%-24s %-16s %-16s %-4s %s%n", "FLOW", "LABEL", "VERDICT", "OK", "RULE"));
        for (Row row : rows) {
            b.append(String.format("%-24s %-16s %-16s %-4s %s%n", row.flow(), row.label().name(), row.verdict().name(),
                    row.ok() ? "yes" : "NO", row.rule()));
        }
        return b.toString();
    }

}
