package io.captchafeedback.record;

import io.captchafeedback.spi.CompiledRules;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.spi.CompiledRuleSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.rule.Condition;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.spi.ObservedResponse;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.rule.Widget;
import io.captchafeedback.spi.WidgetEvent;
import io.captchafeedback.rule.internal.Json;
import io.captchafeedback.rule.internal.Patterns;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replays recordings through rules with the same engine that decides live: each recording's events are
 * fed, at their recorded times on a replay clock, to a {@link Detection} of the rule set of its start URL
 * (responses, navigations, cookies, widget calls as the integrations feed them; the texts present after
 * each change as the probe's results), so the rule order, settling, {@code appeared} and response
 * matching are the live ones. What a recording cannot answer (element presence, scripts, a response
 * body regex) does not hold; the texts on the page before the injection are not recorded, so every
 * recorded text counts as appeared.
 *
 * <!-- java: given Path rulesFile; List<Recording> recordings -->
 * <pre>{@code
 * for (Replay.Row row : Replay.run(RuleFiles.load(rulesFile), recordings)) {
 *     if (!row.ok()) {
 *         log.warn("{}", row);
 *     }
 * }
 * }</pre>
 *
 * <p>Stateless; safe to use from any thread.
 */
public final class Replay {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

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
        CompiledRules compiled = CompiledRules.of(rules);
        List<Row> rows = new ArrayList<>();
        for (Recording r : recordings) {
            Optional<CompiledRuleSet> set;
            URI start;
            try {
                String u = r.startUrl();
                int q = u.indexOf('?');
                start = URI.create(q < 0 ? u : u.substring(0, q));
                set = compiled.forUrl(start);
            } catch (IllegalArgumentException e) {
                start = null;
                set = Optional.empty();
            }
            if (set.isEmpty()) {
                rows.add(new Row(r.flow(), r.label(), Outcome.UNKNOWN, "no rule set for " + r.startUrl()));
                continue;
            }
            Verdict v = verdict(set.get(), start, r);
            rows.add(new Row(r.flow(), r.label(), v.outcome(),
                    v.outcome() == Outcome.UNKNOWN ? "no rule matched: " + r.summary() : v.evidence().rule()));
        }
        return rows;
    }

    /** The verdict a {@link Detection} of {@code set} gives on the recording's events, at their recorded times. */
    public static Verdict verdict(CompiledRuleSet set, URI startUrl, Recording r) {
        ReplayClock clock = new ReplayClock(EPOCH);
        Detection d = set.start(startUrl, clock);
        d.onBaselineMissed();
        PageState page = new PageState(set, r.startUrl());
        d.onProbe(page.probe());
        List<RecordedEvent> events = new ArrayList<>(r.events());
        events.sort(Comparator.comparingLong(RecordedEvent::atMs));
        for (RecordedEvent e : events) {
            Instant at = EPOCH.plusMillis(e.atMs());
            Optional<Verdict> settled = settleUntil(d, clock, at);
            if (settled.isPresent()) {
                return settled.get();
            }
            if (!at.isBefore(d.deadline())) {
                clock.set(d.deadline());
                return d.timeout();
            }
            clock.set(at);
            feed(d, page, e, at);
            Optional<Verdict> now = d.decide();
            if (now.isPresent()) {
                return now.get();
            }
        }
        Optional<Verdict> settled = settleUntil(d, clock, d.deadline());
        if (settled.isPresent()) {
            return settled.get();
        }
        clock.set(d.deadline());
        return d.timeout();
    }

    /** Lets the detection decide at the end of each settle window that ends by {@code until}. */
    private static Optional<Verdict> settleUntil(Detection d, ReplayClock clock, Instant until) {
        for (Optional<Instant> s = d.settlesAt(); s.isPresent() && !s.get().isAfter(until); s = d.settlesAt()) {
            if (s.get().isAfter(clock.instant())) {
                clock.set(s.get());
            }
            Optional<Verdict> v = d.decide();
            if (v.isPresent()) {
                return v;
            }
            if (d.settlesAt().equals(s)) {
                break; // nothing moves without a new event
            }
        }
        return Optional.empty();
    }

    private static void feed(Detection d, PageState page, RecordedEvent e, Instant at) {
        if (e instanceof RecordedEvent.UrlChanged u) {
            page.url = u.url();
            d.onNavigation(u.url());
            d.onProbe(page.probe());
        } else if (e instanceof RecordedEvent.Response x) {
            d.onResponse(new ObservedResponse(x.url(), x.method() == null ? "GET" : x.method(), x.status(),
                    x.contentType(), body(x.fields()), at));
        } else if (e instanceof RecordedEvent.Text t) {
            Map.Entry<String, String> pair = Map.entry(t.selector(), t.text());
            if (t.appeared()) {
                page.texts.add(pair);
            } else {
                page.texts.remove(pair);
            }
            d.onProbe(page.probe());
        } else if (e instanceof RecordedEvent.CookieSet c) {
            d.onCookies(List.of(c.name()));
        } else if (e instanceof RecordedEvent.Widget w) {
            Optional<Widget> widget = widget(w.widget());
            if (widget.isPresent()) {
                WidgetEvent.Kind kind = w.kind().equals("reset") ? WidgetEvent.Kind.RESET : WidgetEvent.Kind.RENDER;
                if (kind == WidgetEvent.Kind.RENDER) {
                    page.rendered = true;
                }
                d.onWidgetEvent(new WidgetEvent(widget.get(), kind, at));
            }
        }
        // a dialog: no rule condition looks at dialogs
    }

    private static Optional<Widget> widget(String name) {
        for (Widget w : Widget.values()) {
            if (w.name().equalsIgnoreCase(name) || w.id().equalsIgnoreCase(name)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** A JSON body with the recorded fields at their pointers (array indexes become object keys: pointers still resolve). */
    static String body(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        ObjectNode root = MAPPER.createObjectNode();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String[] parts = f.getKey().substring(1).split("/", -1);
            ObjectNode at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                String key = unescape(parts[i]);
                at = at.get(key) instanceof ObjectNode o ? o : at.putObject(key);
            }
            JsonNode value = Json.parse(f.getValue());
            at.set(unescape(parts[parts.length - 1]), value == null ? MAPPER.getNodeFactory().textNode(f.getValue()) : value);
        }
        return root.toString();
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** The page as the recording saw it, answered as the probe would: texts now visible, URL, widget renders. */
    private static final class PageState {
        final CompiledRuleSet set;
        final Set<Map.Entry<String, String>> texts = new LinkedHashSet<>();
        String url;
        boolean rendered;

        PageState(CompiledRuleSet set, String url) {
            this.set = set;
            this.url = url;
        }

        Map<String, Object> probe() {
            List<Map<String, Object>> checks = new ArrayList<>();
            for (int i = 0; i < set.probeChecks(); i++) {
                Optional<String> hit = check(set.probeCheck(i));
                Map<String, Object> c = new HashMap<>();
                c.put("m", hit.isPresent());
                hit.ifPresent(x -> c.put("x", x));
                checks.add(c);
            }
            Map<String, Object> result = new HashMap<>();
            result.put("c", checks);
            result.put("url", url);
            result.put("d", "replay");
            result.put("top", true);
            return result;
        }

        /** The text that makes the check hold, if it does. */
        private Optional<String> check(Condition c) {
            if (c instanceof Condition.InTop t) {
                return check(t.condition());
            } else if (c instanceof Condition.InFrame f) {
                return check(f.condition());
            } else if (c instanceof Condition.TextContains t) {
                String wanted = norm(t.text());
                return texts(t.css()).filter(x -> norm(x).contains(wanted)).findFirst();
            } else if (c instanceof Condition.TextMatches t) {
                return texts(t.css()).filter(x -> Patterns.cachedRegex(t.regex()).matcher(x).find()).findFirst();
            } else if (c instanceof Condition.WidgetShown) {
                return rendered ? Optional.of("widget rendered again") : Optional.empty();
            }
            return Optional.empty(); // element, script: not recorded
        }

        private Stream<String> texts(String css) {
            return texts.stream().filter(e -> css == null || css.equals(e.getKey())).map(Map.Entry::getValue);
        }
    }

    /** A clock the replay moves. */
    private static final class ReplayClock extends Clock {
        private volatile Instant now;

        ReplayClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
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
