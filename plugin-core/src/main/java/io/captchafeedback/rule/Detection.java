package io.captchafeedback.rule;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.captchafeedback.Evidence;
import io.captchafeedback.Evidence.Observation;
import io.captchafeedback.Outcome;
import io.captchafeedback.Verdict;
import io.captchafeedback.rule.internal.Json;
import io.captchafeedback.rule.internal.Patterns;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outcome detection: started when a token was submitted, fed by an integration with probe
 * results, HTTP responses and widget events, asked for a decision after each. The first rule (in
 * order) whose condition holds decides; the decision is final. A rule whose condition cannot be known
 * yet (a page condition before the first probe) holds back the rules after it until a probe arrives.
 *
 * <pre>{@code
 * Detection detection = compiled.start(URI.create(startUrl));
 * network.onResponseCompleted(r -> detection.onResponse(ObservedResponse.of(url, method, status)));
 * while (detection.decide().isEmpty() && !detection.isExpired()) {
 *     detection.onProbe(runProbe(compiled.probeStatement()));
 * }
 * Verdict verdict = detection.decide().orElseGet(detection::timeout);
 * }</pre>
 *
 * <p>Thread-safe: events may arrive on any thread.
 */
public final class Detection {

    private static final Logger LOG = LoggerFactory.getLogger(Detection.class);

    private enum Tri { TRUE, FALSE, UNKNOWN }

    private record Match(Tri state, List<Observation> observations) {
        static final Match FALSE = new Match(Tri.FALSE, List.of());
        static final Match UNKNOWN = new Match(Tri.UNKNOWN, List.of());

        static Match yes(Observation... observations) {
            return new Match(Tri.TRUE, List.of(observations));
        }
    }

    private record Check(boolean matched, String excerpt, String error) {
    }

    private final CompiledRuleSet compiled;
    private final Clock clock;
    private final Instant startedAt;
    private final Instant deadline;
    private final String startUrl;

    private String currentUrl;
    private Instant urlSeenAt;
    private final Set<String> cookies = new LinkedHashSet<>();
    private Instant cookiesSeenAt;
    private List<Check> checks;
    private Instant probedAt;
    private final List<ObservedResponse> responses = new ArrayList<>();
    private final Map<Condition.Response, Integer> responsesScanned = new HashMap<>();
    private final Map<Condition.Response, Observation> responseMatches = new HashMap<>();
    private final List<WidgetEvent> resets = new ArrayList<>();
    private final List<WidgetEvent> renders = new ArrayList<>();
    private final Set<Integer> warned = new HashSet<>();
    private Verdict decided;

    Detection(CompiledRuleSet compiled, URI startUrl, Clock clock) {
        this.compiled = compiled;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.deadline = startedAt.plus(compiled.timeout());
        this.startUrl = startUrl.toString();
    }

    /** The compiled rule set this detection evaluates. */
    public CompiledRuleSet compiled() {
        return compiled;
    }

    /** When this detection started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** When {@link #timeout()} becomes the answer. */
    public Instant deadline() {
        return deadline;
    }

    /** Whether the timeout has passed. */
    public boolean isExpired() {
        return !clock.instant().isBefore(deadline);
    }

    /** Feeds an HTTP response seen by the integration. */
    public synchronized void onResponse(ObservedResponse response) {
        responses.add(Objects.requireNonNull(response, "response == null"));
    }

    /** Feeds a widget call pushed by the hooks. */
    public synchronized void onWidgetEvent(WidgetEvent event) {
        Objects.requireNonNull(event, "event == null");
        (event.kind() == WidgetEvent.Kind.RESET ? resets : renders).add(event);
    }

    /** Feeds a navigation seen by the integration (the probe reports the URL too). */
    public synchronized void onNavigation(String url) {
        currentUrl = Objects.requireNonNull(url, "url == null");
        urlSeenAt = clock.instant();
    }

    /** Feeds cookie names seen by the integration (the probe sees only those not HttpOnly). */
    public synchronized void onCookies(Collection<String> names) {
        cookies.addAll(Objects.requireNonNull(names, "names == null"));
        cookiesSeenAt = clock.instant();
    }

    /**
     * Feeds the result of {@link CompiledRuleSet#probeFunction()} as returned by the engine (maps, lists,
     * strings, numbers, booleans). A result that is not from this probe is logged and ignored.
     */
    public synchronized void onProbe(Map<String, ?> result) {
        if (result == null) {
            LOG.warn("Ignoring an empty probe result");
            return;
        }
        Instant now = clock.instant();
        if (result.get("url") instanceof String url) {
            currentUrl = url;
            urlSeenAt = now;
        }
        if (result.get("cookies") instanceof List<?> names) {
            names.forEach(n -> cookies.add(String.valueOf(n)));
            cookiesSeenAt = now;
        }
        readWidgetLog(result.get("resets"), WidgetEvent.Kind.RESET);
        readWidgetLog(result.get("renders"), WidgetEvent.Kind.RENDER);
        Object c = result.get("c");
        if (!(c instanceof List<?> list) || list.size() != compiled.probeChecks()) {
            LOG.warn("Ignoring a probe result with {} checks where {} were expected (not from this rule set?)",
                    c instanceof List<?> l ? l.size() : "no", compiled.probeChecks());
            return;
        }
        List<Check> parsed = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> m = list.get(i) instanceof Map<?, ?> map ? map : Map.of();
            String error = m.get("e") == null ? null : String.valueOf(m.get("e"));
            if (error != null && warned.add(i)) {
                LOG.warn("Rule set '{}': the in-page check of {} failed (counts as not matching): {}",
                        compiled.ruleSet().name(), describe(compiled.checkAt(i)), error);
            }
            parsed.add(new Check(Boolean.TRUE.equals(m.get("m")), m.get("x") == null ? null : String.valueOf(m.get("x")), error));
        }
        checks = parsed;
        probedAt = now;
    }

    private void readWidgetLog(Object log, WidgetEvent.Kind kind) {
        if (!(log instanceof List<?> entries)) {
            return;
        }
        List<WidgetEvent> target = kind == WidgetEvent.Kind.RESET ? resets : renders;
        for (Object e : entries) {
            if (e instanceof Map<?, ?> m && m.get("at") instanceof Number at) {
                Optional<Widget> widget = Widget.fromId(String.valueOf(m.get("widget")));
                Instant when = Instant.ofEpochMilli(at.longValue());
                if (widget.isPresent() && !when.isBefore(startedAt)) {
                    WidgetEvent event = new WidgetEvent(widget.get(), kind, when);
                    if (!target.contains(event)) {
                        target.add(event);
                    }
                }
            }
        }
    }

    /**
     * The verdict of the first rule that holds, if one does and no earlier rule is still unknown. Once
     * given, the same verdict is returned forever.
     */
    public synchronized Optional<Verdict> decide() {
        if (decided != null) {
            return Optional.of(decided);
        }
        for (Rule rule : compiled.rules()) {
            Match m = eval(rule.when());
            if (m.state() == Tri.UNKNOWN) {
                return Optional.empty();
            }
            if (m.state() == Tri.TRUE) {
                decided = new Verdict(rule.verdict(), new Evidence(rule.name(), m.observations(), clock.instant()),
                        rule.feedbackCode(), rule.feedbackMessage());
                return Optional.of(decided);
            }
        }
        return Optional.empty();
    }

    /**
     * The answer when waiting is over: the decided verdict if there is one, otherwise
     * {@link Outcome#UNKNOWN} with evidence "no rule matched within 10s" and the last URL seen.
     */
    public synchronized Verdict timeout() {
        Optional<Verdict> verdict = decide();
        if (verdict.isPresent()) {
            return verdict.get();
        }
        Instant now = clock.instant();
        List<Observation> seen = new ArrayList<>();
        seen.add(new Observation("timeout", "no rule matched within " + format(compiled.timeout()), now));
        if (currentUrl != null) {
            seen.add(new Observation("url", currentUrl, urlSeenAt));
        }
        if (probedAt == null) {
            seen.add(new Observation("probe", "the page was never probed", now));
        }
        seen.add(new Observation("responses", responses.size() + " observed", now));
        return Verdict.of(Outcome.UNKNOWN, new Evidence("timeout", seen, now));
    }

    private static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    // ---- evaluation ----

    private Match eval(Condition c) {
        if (c instanceof Condition.AllOf all) {
            List<Observation> obs = new ArrayList<>();
            boolean unknown = false;
            for (Condition x : all.conditions()) {
                Match m = eval(x);
                if (m.state() == Tri.FALSE) {
                    return Match.FALSE;
                }
                unknown |= m.state() == Tri.UNKNOWN;
                obs.addAll(m.observations());
            }
            return unknown ? Match.UNKNOWN : new Match(Tri.TRUE, obs);
        }
        if (c instanceof Condition.AnyOf any) {
            boolean unknown = false;
            for (Condition x : any.conditions()) {
                Match m = eval(x);
                if (m.state() == Tri.TRUE) {
                    return m;
                }
                unknown |= m.state() == Tri.UNKNOWN;
            }
            return unknown ? Match.UNKNOWN : Match.FALSE;
        }
        if (c instanceof Condition.Not not) {
            Match m = eval(not.condition());
            if (m.state() == Tri.UNKNOWN) {
                return Match.UNKNOWN;
            }
            return m.state() == Tri.TRUE ? Match.FALSE
                    : Match.yes(new Observation("not", describe(not.condition()) + " did not hold", clock.instant()));
        }
        if (c instanceof Condition.UrlMatches u) {
            if (currentUrl == null) {
                return Match.UNKNOWN;
            }
            return u.pattern().matches(currentUrl) ? Match.yes(new Observation("url", currentUrl, urlSeenAt)) : Match.FALSE;
        }
        if (c instanceof Condition.UrlChanged) {
            if (currentUrl == null) {
                return Match.UNKNOWN;
            }
            return !currentUrl.equals(startUrl)
                    ? Match.yes(new Observation("url", startUrl + " -> " + currentUrl, urlSeenAt)) : Match.FALSE;
        }
        if (c instanceof Condition.CookiePresent cookie) {
            if (cookies.contains(cookie.name())) {
                return Match.yes(new Observation("cookie", cookie.name(), cookiesSeenAt));
            }
            return cookiesSeenAt == null ? Match.UNKNOWN : Match.FALSE;
        }
        if (c instanceof Condition.Response r) {
            // Responses only accumulate: remember the first match and how far each condition has looked.
            Observation seen = responseMatches.get(r);
            if (seen == null) {
                int from = responsesScanned.getOrDefault(r, 0);
                for (int i = from; i < responses.size() && seen == null; i++) {
                    seen = matchResponse(r, responses.get(i));
                }
                responsesScanned.put(r, responses.size());
                if (seen != null) {
                    responseMatches.put(r, seen);
                }
            }
            return seen == null ? Match.FALSE : Match.yes(seen);
        }
        if (c instanceof Condition.WidgetReset w) {
            for (WidgetEvent e : resets) {
                if (w.widgets().contains(e.widget())) {
                    return Match.yes(new Observation("widget-reset", e.widget().id() + ".reset()", e.at()));
                }
            }
            return Match.FALSE;
        }
        if (c instanceof Condition.WidgetShown) {
            for (WidgetEvent e : renders) {
                if (!e.at().isBefore(startedAt)) {
                    return Match.yes(new Observation("widget-shown", e.widget().id() + ".render() again", e.at()));
                }
            }
            return probeCheck(c, "widget-shown");
        }
        String source = c instanceof Condition.Script ? "script"
                : c instanceof Condition.TextContains || c instanceof Condition.TextMatches ? "text" : "element";
        return probeCheck(c, source);
    }

    private Match probeCheck(Condition c, String source) {
        if (checks == null) {
            return Match.UNKNOWN;
        }
        int i = compiled.checkIndex(c);
        Check check = i < 0 ? null : checks.get(i);
        if (check == null || !check.matched()) {
            return Match.FALSE;
        }
        return Match.yes(new Observation(source, check.excerpt() == null ? describe(c) : check.excerpt(), probedAt));
    }

    private static Observation matchResponse(Condition.Response r, ObservedResponse response) {
        if (!r.url().matches(response.url())) {
            return null;
        }
        if (r.method() != null && !r.method().equals(response.method())) {
            return null;
        }
        if (!r.statuses().isEmpty() && !r.statuses().contains(response.status())) {
            return null;
        }
        String detail = "";
        if (r.jsonPointer() != null) {
            JsonNode body = Json.parse(response.body());
            if (body == null) {
                return null;
            }
            JsonNode at = body.at(JsonPointer.compile(r.jsonPointer()));
            if (at.isMissingNode()) {
                return null;
            }
            if (r.jsonValue() != null && !Json.sameValue(at, Json.parse(r.jsonValue()))) {
                return null;
            }
            detail = " " + r.jsonPointer() + "=" + at;
        }
        if (r.bodyPattern() != null) {
            if (response.body() == null) {
                return null;
            }
            Matcher m = Patterns.cachedRegex(r.bodyPattern()).matcher(response.body());
            if (!m.find()) {
                return null;
            }
            int from = Math.max(0, m.start() - 40);
            int to = Math.min(response.body().length(), m.end() + 40);
            detail += " body: " + (from > 0 ? "…" : "") + response.body().substring(from, to).replaceAll("\\s+", " ");
        }
        return new Observation("response", response.summary() + detail, response.at());
    }

    private static String describe(Condition c) {
        if (c instanceof Condition.ElementPresent p) {
            return "element " + p.css();
        }
        if (c instanceof Condition.ElementVisible v) {
            return "visible element " + v.css();
        }
        if (c instanceof Condition.TextContains t) {
            return "text '" + t.text() + "'" + (t.css() == null ? "" : " in " + t.css());
        }
        if (c instanceof Condition.TextMatches t) {
            return "text /" + t.regex() + "/" + (t.css() == null ? "" : " in " + t.css());
        }
        if (c instanceof Condition.Script s) {
            return "script " + s.expression();
        }
        return c.getClass().getSimpleName();
    }

    @Override
    public synchronized String toString() {
        return "Detection[" + compiled.ruleSet().name() + ", started " + startedAt
                + (decided == null ? "" : ", decided " + decided.outcome()) + "]";
    }
}
