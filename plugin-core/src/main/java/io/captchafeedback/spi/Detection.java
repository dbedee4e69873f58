package io.captchafeedback.spi;


import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.Rule;
import io.captchafeedback.rule.Settle;
import io.captchafeedback.rule.Widget;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Evidence.Observation;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.rule.internal.Json;
import io.captchafeedback.rule.internal.Patterns;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outcome detection: started when a token was submitted, fed by an integration with probe
 * results, HTTP responses and widget events, asked for a decision after each. The first rule (in
 * order) whose condition holds decides; the decision is final. A rule whose condition cannot be known
 * yet (a page condition before the first probe) holds back the rules after it until a probe arrives.
 *
 * <p>Decisions are taken on a settled page ({@link Settle}): when an event makes a rule hold,
 * {@link #decide()} stays empty until nothing changed for the quiet time (100 ms by default) or the
 * maximum wait (250 ms) passed since a rule first held; then the first rule in order that holds on the
 * latest state decides. {@link #onWakeUp} tells the owner when to ask again, so nobody needs to poll.
 * {@link #decideNow()} and {@link #timeout()} decide on the current state without waiting (no event
 * will come any more).
 *
 * <!-- java: given CompiledRuleSet compiled; String startUrl; ObservedResponse response; Function<String, Map<String, ?>> runProbe -->
 * <pre>{@code
 * Detection detection = compiled.start(URI.create(startUrl));
 * detection.onResponse(response);   // each response the engine reports, from its event handler
 * while (detection.decide().isEmpty() && !detection.isExpired()) {
 *     detection.onProbe(runProbe.apply(compiled.probeStatement()));   // the engine runs it in the page
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
    // probes come from the top document and, with some engines, from frames too (each frame's document
    // runs its own probe): the top document's latest result and each frame document's latest, combined
    private List<Check> topChecks;
    private String topDoc;
    private final Map<String, List<Check>> frameChecks = new HashMap<>();
    private Instant probedAt;
    private final List<ObservedResponse> responses = new ArrayList<>();
    /** Why the body of a response (by method and URL) could not be read, as the integration said. */
    private final Map<String, String> bodyMissing = new HashMap<>();
    private final Map<Condition.Response, Integer> responsesScanned = new HashMap<>();
    private final Map<Condition.Response, Observation> responseMatches = new HashMap<>();
    private final List<WidgetEvent> resets = new ArrayList<>();
    private final List<WidgetEvent> renders = new ArrayList<>();
    private final Set<Integer> warned = new HashSet<>();
    private Verdict decided;

    // settling
    private final Settle settle;
    private Instant lastChangeAt;
    private Instant candidateSince;
    private volatile Consumer<Instant> wakeUp;
    private final boolean[] probeOnlyBefore;
    private Instant lastEventAt;          // the last response, navigation, cookie or widget event fed directly
    private long widgetMaxAt;             // the latest widget event known (browser clock, epoch ms)
    private long probeWidgetMaxAt;        // the latest widget event the last probe's hook logs include

    // appeared: the check results at injection, and which checks were seen not holding since
    private List<Check> baseline;
    private String baselineDoc;
    private String currentDoc;
    private final BitSet wentFalse = new BitSet();

    Detection(CompiledRuleSet compiled, URI startUrl, Clock clock) {
        this.compiled = compiled;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.deadline = startedAt.plus(compiled.timeout());
        this.startUrl = startUrl.toString();
        this.settle = compiled.settle();
        this.lastChangeAt = startedAt;
        List<Rule> rules = compiled.rules();
        this.probeOnlyBefore = new boolean[rules.size()];
        boolean all = true;
        for (int i = 0; i < rules.size(); i++) {
            probeOnlyBefore[i] = all;
            all &= probeOnly(rules.get(i).when());
        }
    }

    /** Whether the condition is decided by the probe alone (no response or widget event can make it hold). */
    private static boolean probeOnly(Condition c) {
        if (c instanceof Condition.AllOf a) {
            return a.conditions().stream().allMatch(Detection::probeOnly);
        }
        if (c instanceof Condition.AnyOf a) {
            return a.conditions().stream().allMatch(Detection::probeOnly);
        }
        if (c instanceof Condition.Not n) {
            return probeOnly(n.condition());
        }
        return !(c instanceof Condition.Response || c instanceof Condition.WidgetReset || c instanceof Condition.WidgetShown);
    }

    /**
     * Registers who to tell when a decision may be due: {@code wakeUp} is called (on the thread that fed
     * the event, outside this detection's lock; it must be fast and must not block) with the instant at
     * which {@link #decide()} may give an answer it does not give now. One consumer; a later call replaces it.
     */
    public void onWakeUp(Consumer<Instant> wakeUp) {
        this.wakeUp = Objects.requireNonNull(wakeUp, "wakeUp == null");
    }

    /** The settle window of this detection's rule set. */
    public Settle settle() {
        return settle;
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
    public void onResponse(ObservedResponse response) {
        Objects.requireNonNull(response, "response == null");
        Instant wake;
        synchronized (this) {
            responses.add(response);
            lastEventAt = clock.instant();
            wake = changed(true);
        }
        notifyWake(wake);
    }

    /**
     * Feeds a response whose body a rule wanted but that could not be read ({@code why}: the page
     * abandoned it, it was too big, it did not come in time): body conditions do not hold on it, and the
     * verdict's evidence says {@code body of <url> not read: <why>}.
     */
    public void onResponseWithoutBody(ObservedResponse head, String why) {
        Objects.requireNonNull(head, "head == null");
        Objects.requireNonNull(why, "why == null");
        synchronized (this) {
            bodyMissing.putIfAbsent(head.method() + " " + head.url(), why);
        }
        onResponse(head.body() == null ? head
                : new ObservedResponse(head.url(), head.method(), head.status(), head.contentType(), null, head.at()));
    }

    /** Feeds a widget call pushed by the hooks. */
    public void onWidgetEvent(WidgetEvent event) {
        Objects.requireNonNull(event, "event == null");
        Instant wake;
        synchronized (this) {
            List<WidgetEvent> target = event.kind() == WidgetEvent.Kind.RESET ? resets : renders;
            boolean added = !target.contains(event) && target.add(event);
            widgetMaxAt = Math.max(widgetMaxAt, event.at().toEpochMilli());
            lastEventAt = clock.instant();
            wake = changed(added);
        }
        notifyWake(wake);
    }

    /** Feeds a navigation seen by the integration (the probe reports the URL too). */
    public void onNavigation(String url) {
        Objects.requireNonNull(url, "url == null");
        Instant wake;
        if (url.startsWith("about:")) {
            return; // a frame's blank document, not where the page is
        }
        synchronized (this) {
            boolean different = !url.equals(currentUrl);
            currentUrl = url;
            urlSeenAt = clock.instant();
            if (different) {
                lastEventAt = urlSeenAt;
            }
            wake = changed(different);
        }
        notifyWake(wake);
    }

    /** Feeds cookie names seen by the integration (the probe sees only those not HttpOnly). */
    public void onCookies(Collection<String> names) {
        Objects.requireNonNull(names, "names == null");
        Instant wake;
        synchronized (this) {
            boolean added = cookies.addAll(names);
            cookiesSeenAt = clock.instant();
            wake = changed(added);
        }
        notifyWake(wake);
    }

    /**
     * Says that tracking started after the token was already submitted (recognised in a request), so no
     * state from before the injection exists: every {@link Condition.Appeared} condition that holds counts
     * as new. Call it before feeding the first probe.
     */
    public synchronized void onBaselineMissed() {
        List<Check> none = new ArrayList<>(compiled.probeChecks());
        for (int i = 0; i < compiled.probeChecks(); i++) {
            none.add(new Check(false, null, null));
        }
        baseline = none;
        baselineDoc = null;
        currentDoc = null;
    }

    /**
     * Feeds a probe taken just before the token was injected: the state {@link Condition.Appeared}
     * conditions compare with. Without one, the first probe fed is the baseline.
     */
    public void onBaseline(Map<String, ?> result) {
        Instant wake;
        synchronized (this) {
            List<Check> before = checks;
            Instant probedBefore = probedAt;
            Read read = readProbe(result);
            if (read == null) {
                return;
            }
            List<Check> parsed = read.checks();
            baseline = parsed;
            baselineDoc = docOf(result);
            if (before != null) {
                // a probe after the injection was fed already: it stays the current state
                checks = before;
                probedAt = probedBefore;
                return;
            }
            currentDoc = baselineDoc;
            wake = changed(true);
        }
        notifyWake(wake);
    }

    /**
     * Feeds the result of {@link CompiledRuleSet#probeFunction()} as returned by the engine (maps, lists,
     * strings, numbers, booleans). A result that is not from this probe is logged and ignored.
     */
    public void onProbe(Map<String, ?> result) {
        probeRound(() -> readProbe(result));
    }

    /**
     * Feeds one probe round of every document watched for the task, each result as
     * {@link CompiledRuleSet#probeFunction()} returned it in that document: {@code top} from the top-level
     * page the task was injected into ({@code null} when it could not be probed this time), {@code others}
     * from its frames and from popups opened since (each counted as a frame document, whatever its own
     * {@code top} flag says: popups do not change the task's URL). A {@code top} result that says it comes
     * from a frame counts as a frame document too. A check holds when it holds in one of
     * them ({@code frame: top} conditions only in {@code top}); the frames' results replace those of the
     * previous round, so a frame that is gone no longer counts. Cookies and widget logs of all are read.
     * Results of another shape are skipped.
     *
     * <!-- java: given Detection detection; Map<String, ?> mainFrameResult; Map<String, ?> iframeResult; Map<String, ?> popupResult -->
     * <pre>{@code
     * detection.onProbes(mainFrameResult, List.of(iframeResult, popupResult));
     * }</pre>
     */
    public void onProbes(Map<String, ?> top, Collection<? extends Map<String, ?>> others) {
        Objects.requireNonNull(others, "others == null");
        probeRound(() -> readRound(top, others));
    }

    private record Read(List<Check> checks, String doc) {
    }

    private void probeRound(java.util.function.Supplier<Read> read) {
        Instant wake;
        synchronized (this) {
            List<Check> before = checks;
            String urlBefore = currentUrl;
            int widgetEvents = resets.size() + renders.size();
            int cookieCount = cookies.size();
            Read r = read.get();
            if (r == null) {
                return;
            }
            List<Check> parsed = r.checks();
            String doc = topDoc != null ? topDoc : r.doc();
            if (baseline == null) {
                baseline = parsed;
                baselineDoc = doc;
            } else {
                for (int i = 0; i < parsed.size(); i++) {
                    if (!parsed.get(i).matched()) {
                        wentFalse.set(i);
                    }
                }
            }
            boolean different = before == null || !Objects.equals(doc, currentDoc) || !Objects.equals(urlBefore, currentUrl)
                    || widgetEvents != resets.size() + renders.size() || cookieCount != cookies.size();
            for (int i = 0; !different && i < parsed.size(); i++) {
                different = parsed.get(i).matched() != before.get(i).matched();
            }
            currentDoc = doc;
            wake = changed(different);
        }
        notifyWake(wake);
    }

    /** A check holds if it holds in the top document or in a frame's document. */
    private List<Check> combined() {
        if (frameChecks.isEmpty()) {
            return topChecks;
        }
        List<Check> out = new ArrayList<>(compiled.probeChecks());
        for (int i = 0; i < compiled.probeChecks(); i++) {
            Check best = topChecks == null ? null : topChecks.get(i);
            for (List<Check> frame : frameChecks.values()) {
                if ((best == null || !best.matched()) && frame.get(i).matched()) {
                    best = frame.get(i);
                }
            }
            out.add(best == null ? new Check(false, null, null) : best);
        }
        return out;
    }

    private static String docOf(Map<String, ?> result) {
        return result != null && result.get("d") != null ? String.valueOf(result.get("d")) : null;
    }

    /** Reads one probe result into the state; the combined checks, or {@code null} when it is not from this probe. */
    private Read readProbe(Map<String, ?> result) {
        if (result == null) {
            LOG.warn("Ignoring an empty probe result");
            return null;
        }
        probeWidgetMaxAt = 0;
        boolean top = !Boolean.FALSE.equals(result.get("top"));
        List<Check> parsed = parse(result, top);
        if (parsed == null) {
            return null;
        }
        String doc = docOf(result);
        if (top) {
            storeTop(doc, parsed);
        } else {
            frameChecks.put(String.valueOf(doc), parsed);
        }
        return combine(doc);
    }

    /** Reads one round of every document's probe (see {@link #onProbes}); {@code null} when none is usable. */
    private Read readRound(Map<String, ?> top, Collection<? extends Map<String, ?>> others) {
        probeWidgetMaxAt = 0;
        List<Map<String, ?>> frameResults = new ArrayList<>();
        if (top != null && Boolean.FALSE.equals(top.get("top"))) {
            frameResults.add(top); // the injection's document is itself a frame: its URL is not the page's
            top = null;
        }
        frameResults.addAll(others);
        List<Check> topParsed = usable(top) ? parse(top, true) : null;
        if (topParsed != null) {
            storeTop(docOf(top), topParsed); // before the frames: the top page's URL wins
        }
        Map<String, List<Check>> frames = new HashMap<>();
        String firstDoc = null;
        int i = 0;
        for (Map<String, ?> result : frameResults) {
            i++;
            List<Check> parsed = usable(result) ? parse(result, false) : null;
            if (parsed != null) {
                String doc = docOf(result);
                frames.put(doc == null ? "#" + i : doc, parsed);
                firstDoc = firstDoc == null ? doc : firstDoc;
            }
        }
        if (topParsed == null && frames.isEmpty()) {
            return null;
        }
        frameChecks.clear();
        frameChecks.putAll(frames);
        return combine(topParsed != null ? docOf(top) : firstDoc);
    }

    private static boolean usable(Map<String, ?> result) {
        return result != null && result.get("c") instanceof List<?>;
    }

    private void storeTop(String doc, List<Check> parsed) {
        if (!Objects.equals(doc, topDoc)) {
            frameChecks.clear(); // a new top document: the old one's frames are gone
        }
        topDoc = doc;
        topChecks = parsed;
    }

    private Read combine(String doc) {
        checks = combined();
        probedAt = clock.instant();
        return new Read(checks, doc);
    }

    /** Reads the URL, cookies and widget logs of one result and parses its checks; {@code null} when not from this probe. */
    private List<Check> parse(Map<String, ?> result, boolean top) {
        Instant now = clock.instant();
        if (result.get("url") instanceof String url && (top || topChecks == null) && !url.startsWith("about:")) {
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
            return null;
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
        return parsed;
    }

    private void readWidgetLog(Object log, WidgetEvent.Kind kind) {
        if (!(log instanceof List<?> entries)) {
            return;
        }
        List<WidgetEvent> target = kind == WidgetEvent.Kind.RESET ? resets : renders;
        for (Object e : entries) {
            if (e instanceof Map<?, ?> m && m.get("at") instanceof Number at) {
                probeWidgetMaxAt = Math.max(probeWidgetMaxAt, at.longValue());
                widgetMaxAt = Math.max(widgetMaxAt, at.longValue());
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
     * The verdict of the first rule that holds on the settled page, if one does and no earlier rule is
     * still unknown: empty while the page is settling (see {@link Settle}). Once given, the same verdict
     * is returned forever.
     */
    public synchronized Optional<Verdict> decide() {
        if (decided != null) {
            return Optional.of(decided);
        }
        Winner winner = winner();
        if (winner == null) {
            candidateSince = null;
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (candidateSince == null) {
            candidateSince = now;
        }
        if (now.isBefore(settleAt()) && !settledEarly(winner)) {
            return Optional.empty();
        }
        decided = withNotes(winner.verdict(now));
        return Optional.of(decided);
    }

    /**
     * The verdict of the first rule that holds now, without waiting for the page to settle: for when no
     * event can come any more (the page or the session is closing). Empty if no rule holds or an earlier
     * rule is still unknown. A verdict given is final, as with {@link #decide()}.
     */
    public synchronized Optional<Verdict> decideNow() {
        if (decided != null) {
            return Optional.of(decided);
        }
        Winner winner = winner();
        if (winner != null) {
            decided = withNotes(winner.verdict(clock.instant()));
        }
        return Optional.ofNullable(decided);
    }

    /**
     * When {@link #decide()} may answer without a new event: the end of the settle window if a rule
     * holds and the page is settling, otherwise empty (then only a new event, or the deadline, changes anything).
     */
    public synchronized Optional<Instant> settlesAt() {
        if (decided != null || candidateSince == null) {
            return Optional.empty();
        }
        return Optional.of(settleAt());
    }

    /**
     * Whether nothing can beat the winner any more, so waiting is pointless: it is the first rule, or
     * every rule before it is decided by the probe alone and the page was probed after the last event
     * (its hook logs include every widget call seen), so the probe shows the page as that event left it.
     */
    private boolean settledEarly(Winner winner) {
        if (winner.index() == 0) {
            return true;
        }
        return probeOnlyBefore[winner.index()] && probedAt != null
                && (lastEventAt == null || !probedAt.isBefore(lastEventAt)) && probeWidgetMaxAt >= widgetMaxAt;
    }

    private Instant settleAt() {
        Instant quiet = lastChangeAt.plus(settle.quiet());
        Instant max = candidateSince.plus(settle.max());
        return quiet.isBefore(max) ? quiet : max;
    }

    /** After an event: notes a change, tracks since when a rule holds; the wake-up instant to announce, if any. */
    private Instant changed(boolean different) {
        if (decided != null) {
            return null;
        }
        Instant now = clock.instant();
        if (different) {
            lastChangeAt = now;
        }
        if (winner() == null) {
            candidateSince = null;
            return null;
        }
        if (candidateSince == null) {
            candidateSince = now;
        }
        Winner winner = winner();
        return winner != null && settledEarly(winner) ? now : settleAt();
    }

    private void notifyWake(Instant wake) {
        Consumer<Instant> w = wakeUp;
        if (wake == null || w == null) {
            return;
        }
        try {
            w.accept(wake);
        } catch (RuntimeException e) {
            LOG.warn("the wake-up of detection {} failed; ignored", this, e);
        }
    }

    /**
     * The verdict with a note for every response a body condition wanted whose body never came (at most
     * three): {@code body of <url> not read: <why>}. A redirect has no body to read; a response seen twice
     * (once without body, once with it, as BiDi and the page report it) counts as read.
     */
    private Verdict withNotes(Verdict verdict) {
        List<Observation> notes = new ArrayList<>();
        Set<String> noted = new HashSet<>();
        for (ObservedResponse r : responses) {
            String key = r.method() + " " + r.url();
            if (r.body() != null || (r.status() >= 300 && r.status() < 400) || !compiled.needsBody(r.url())
                    || noted.contains(key) || notes.size() == 3) {
                continue;
            }
            boolean readElsewhere = false;
            for (ObservedResponse other : responses) {
                readElsewhere |= other.body() != null && other.url().equals(r.url()) && other.method().equals(r.method());
            }
            if (!readElsewhere) {
                noted.add(key);
                notes.add(new Observation("note", "body of " + r.url() + " not read: "
                        + bodyMissing.getOrDefault(key, "no body came with the response"), r.at()));
            }
        }
        if (notes.isEmpty()) {
            return verdict;
        }
        List<Observation> all = new ArrayList<>(verdict.evidence().observations());
        all.addAll(notes);
        return new Verdict(verdict.outcome(), new Evidence(verdict.evidence().rule(), all, verdict.evidence().decidedAt()),
                verdict.feedbackCode(), verdict.feedbackMessage());
    }

    private record Winner(Rule rule, int index, List<Observation> observations) {
        Verdict verdict(Instant at) {
            return new Verdict(rule.verdict(), new Evidence(rule.name(), observations, at), rule.feedbackCode(),
                    rule.feedbackMessage());
        }
    }

    /** The first rule that holds on the current state, unless an earlier one is still unknown. */
    private Winner winner() {
        List<Rule> rules = compiled.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            Match m = eval(rule.when());
            if (m.state() == Tri.UNKNOWN) {
                return null;
            }
            if (m.state() == Tri.TRUE) {
                return new Winner(rule, i, m.observations());
            }
        }
        return null;
    }

    /**
     * The answer when waiting is over: the verdict of the first rule that holds now (no settling), otherwise
     * {@link Outcome#UNKNOWN} with evidence "no rule matched within 10s" and the last URL seen.
     */
    public synchronized Verdict timeout() {
        Optional<Verdict> verdict = decideNow();
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
        seen.add(new Observation("observed", observedSummary(), now));
        return withNotes(Verdict.of(Outcome.UNKNOWN, new Evidence("timeout", seen, now)));
    }

    /**
     * What the detection saw, for an UNKNOWN verdict: the last responses, widget calls and cookie names
     * (as a recording's summary), so that one sees why no rule fired.
     */
    private String observedSummary() {
        List<String> parts = new ArrayList<>();
        List<ObservedResponse> last = responses.subList(Math.max(0, responses.size() - 3), responses.size());
        parts.add(responses.isEmpty() ? "no responses" : "responses: " + String.join(", ", last.stream()
                .map(ObservedResponse::summary).toList()) + (responses.size() > 3 ? " (last 3 of " + responses.size() + ")" : ""));
        parts.add(resets.isEmpty() ? "no widget reset" : resets.size() + " widget resets");
        if (!renders.isEmpty()) {
            parts.add(renders.size() + " widget renders");
        }
        parts.add(cookies.isEmpty() ? "no cookies seen" : "cookies: " + String.join(", ", cookies));
        return String.join("; ", parts);
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
        if (c instanceof Condition.Appeared a) {
            Match m = eval(a.condition());
            if (m.state() != Tri.TRUE) {
                return m;
            }
            int i = compiled.checkIndex(a.condition());
            boolean fresh = baseline != null && i >= 0 && (!baseline.get(i).matched() || wentFalse.get(i)
                    || !Objects.equals(currentDoc, baselineDoc));
            return fresh ? m : Match.FALSE;
        }
        if (c instanceof Condition.InTop t) {
            if (topChecks == null) {
                return checks == null ? Match.UNKNOWN : Match.FALSE;
            }
            int i = compiled.checkIndex(c);
            Check check = i < 0 ? null : topChecks.get(i);
            return check == null || !check.matched() ? Match.FALSE
                    : Match.yes(new Observation("top", check.excerpt() == null ? describe(t.condition()) : check.excerpt(), probedAt));
        }
        if (c instanceof Condition.InFrame f) {
            boolean text = f.condition() instanceof Condition.TextContains || f.condition() instanceof Condition.TextMatches;
            return probeCheck(c, (text ? "text" : "element") + " in " + f.frame());
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
            if (at.isMissingNode() || (r.jsonNotNull() && at.isNull())) {
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
        if (c instanceof Condition.InFrame f) {
            return describe(f.condition()) + " in frame " + f.frame();
        }
        if (c instanceof Condition.InTop t) {
            return describe(t.condition()) + " in the top document";
        }
        return c.getClass().getSimpleName();
    }

    @Override
    public synchronized String toString() {
        return "Detection[" + compiled.ruleSet().name() + ", started " + startedAt
                + (decided == null ? "" : ", decided " + decided.outcome()) + "]";
    }
}
