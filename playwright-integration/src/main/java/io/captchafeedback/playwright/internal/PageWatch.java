package io.captchafeedback.playwright.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.spi.ObservedResponse;
import io.captchafeedback.spi.WidgetEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page of an attachment: its Java listeners and the tasks watched on it (those injected into it, and
 * those of other pages when it was opened after their injection: a popup). Events feed the detections
 * and settle what a rule decides; in-page checks run in every frame of the page on DOM messages, after
 * navigations and as a fallback while waiting.
 *
 * <p>Event handlers never call Playwright: they feed the detections and mark the page for a probe; the
 * probes (in-page checks, which also turn the agent's DOM watch on) and response bodies are done on the
 * attachment's thread outside any handler ({@link #settleDue}, {@link #drainBodies}: while
 * {@code awaitVerdict}/{@code awaitVerdicts} wait, at injection and at close). Bodies are read after the
 * request finished, bounded in size and in time (a body that does not come within
 * {@link #BODY_WAIT_NANOS} counts as missing: body conditions do not hold on it). Used on the
 * Playwright thread only.
 */
final class PageWatch {
    private static final Logger LOG = LoggerFactory.getLogger(PageWatch.class);
    static final long BODY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final PlaywrightAttachment attachment;
    private final Page page;
    private final List<TrackedTask> tasks = new CopyOnWriteArrayList<>();
    private final Map<Request, PendingBody> awaitingBody = new LinkedHashMap<>();
    private final Deque<PendingBody> bodiesReady = new ArrayDeque<>();
    private final Map<CompiledRuleSet, String> probeScripts = new IdentityHashMap<>();
    private final Consumer<Request> onRequest = this::onRequest;
    private final Consumer<Response> onResponse = this::onResponse;
    private final Consumer<Request> onRequestFinished = this::onRequestFinished;
    private final Consumer<Request> onRequestFailed = this::onRequestFailed;
    private final Consumer<Frame> onFrameNavigated = this::onFrameNavigated;
    private final Consumer<Page> onLoaded = p -> {
        abandonBodies();
        settleSoon();
    };
    /** When the main frame last navigated (System.nanoTime()); a load after it is a new document's. */
    private long mainNavigatedAt;
    private boolean probeDue;
    /** Whether the response and request-end listeners are on ({@link #refreshNetwork}). */
    private boolean networkOn;
    private final Consumer<Page> onClose = p -> onClose();

    /** A response whose body a rule wants, and since when it waits for it. */
    private record PendingBody(Response response, ObservedResponse head, long since) {
    }

    PageWatch(PlaywrightAttachment attachment, Page page) {
        this.attachment = attachment;
        this.page = page;
    }

    Page page() {
        return page;
    }

    void listen() {
        page.onRequest(onRequest);
        page.onFrameNavigated(onFrameNavigated);
        page.onDOMContentLoaded(onLoaded);
        page.onLoad(onLoaded);
        page.onClose(onClose);
        refreshNetwork();
    }

    void unlisten() {
        page.offRequest(onRequest);
        page.offFrameNavigated(onFrameNavigated);
        page.offDOMContentLoaded(onLoaded);
        page.offLoad(onLoaded);
        page.offClose(onClose);
        if (networkOn) {
            networkOn = false;
            offNetwork();
        }
    }

    /**
     * Responses and finished or failed requests matter only while a task is pending here (or a registered
     * token may start one from a request): Playwright sends those events only to a page with listeners, so
     * a crawl's pages without a token pay nothing for them. Adding or removing a listener sends its
     * subscription without waiting, so this may run inside a handler.
     */
    void refreshNetwork() {
        if (page.isClosed()) {
            return; // its listeners went with it
        }
        tasks.removeIf(TrackedTask::isDone);
        boolean wanted = !tasks.isEmpty() || attachment.feedback().hasRegisteredTokens();
        if (wanted == networkOn) {
            return;
        }
        networkOn = wanted;
        if (wanted) {
            page.onResponse(onResponse);
            page.onRequestFinished(onRequestFinished);
            page.onRequestFailed(onRequestFailed);
        } else {
            offNetwork();
        }
    }

    boolean listensToResponses() {
        return networkOn;
    }

    private void offNetwork() {
        page.offResponse(onResponse);
        page.offRequestFinished(onRequestFinished);
        page.offRequestFailed(onRequestFailed);
    }

    /** Installs the scripts into the documents already loaded (new documents get the init script). */
    void installNow() {
        for (Frame frame : frames()) {
            evaluateQuietly(frame, PageScripts.now(), null);
        }
    }

    void add(TrackedTask task) {
        if (!tasks.contains(task)) {
            tasks.add(task);
        }
        refreshNetwork();
    }

    /**
     * Feeds the state before an injection to a detection whose rules use {@code appeared} (one probe of
     * the main frame; a page that cannot be probed leaves the first later probe as the baseline).
     */
    void baseline(PendingVerdict verdict) {
        verdict.detection().filter(d -> d.compiled().needsBaseline()).ifPresent(d -> {
            if (evaluateQuietly(page.mainFrame(), d.compiled().probeFunction(), null) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) map;
                d.onBaseline(typed);
            }
        });
    }

    boolean hasPending() {
        tasks.removeIf(TrackedTask::isDone);
        if (tasks.isEmpty() && networkOn) {
            refreshNetwork();
        }
        return !tasks.isEmpty();
    }

    // ---- events ----

    /**
     * A registered token sent in a request body (a form POST or an XHR) starts tracking its task, even
     * when the page agent had no chance to report it (a {@code form.submit()} that unloads the page at once).
     */
    private void onRequest(Request request) {
        if (!attachment.feedback().hasRegisteredTokens() || "GET".equals(request.method())) {
            return;
        }
        String body = request.postData();
        if (body == null || body.isEmpty()) {
            return;
        }
        Optional<SolvedTask> task = attachment.feedback().findInText(body);
        if (task.isEmpty() && body.indexOf('%') >= 0) {
            try {
                task = attachment.feedback().findInText(URLDecoder.decode(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // not form-encoded
            }
        }
        if (task.isPresent() && !attachment.isTracking(task.get())) {
            LOG.debug("recognised the token of task {} in a request to {}", task.get().key(), request.url());
            attachment.startTracking(this, task.get(), page).detection().ifPresent(Detection::onBaselineMissed);
        }
    }

    /** Status, method and provisional headers only: nothing here waits for the page or the network. */
    private void onResponse(Response response) {
        if (!hasPending()) {
            return;
        }
        String url = response.url();
        boolean wanted = false;
        boolean body = false;
        for (TrackedTask t : tasks) {
            Detection d = t.detection().orElse(null);
            if (d != null && d.compiled().wantsResponse(url)) {
                wanted = true;
                body |= d.compiled().needsBody(url);
            }
        }
        if (!wanted) {
            return;
        }
        int status = response.status();
        ObservedResponse head = ObservedResponse.of(url, response.request().method(), status,
                response.headers().get("content-type"), null);
        if (body && (status < 300 || status >= 400)) {
            awaitingBody.put(response.request(), new PendingBody(response, head, System.nanoTime()));
            return;
        }
        feed(head);
    }

    private void onRequestFinished(Request request) {
        PendingBody pending = awaitingBody.remove(request);
        if (pending != null) {
            bodiesReady.add(pending);
        }
    }

    private void onRequestFailed(Request request) {
        PendingBody pending = awaitingBody.remove(request);
        if (pending != null) {
            missing(pending.head(), "the request failed (" + request.failure() + ")");
        }
    }

    /** A response whose body a rule wanted and that cannot be had: noted in the evidence, body conditions do not hold. */
    private void missing(ObservedResponse head, String why) {
        LOG.debug("body of {} not read: {}", head.summary(), why);
        boolean fed = false;
        for (TrackedTask t : tasks) {
            Detection d = t.detection().orElse(null);
            if (d != null && d.compiled().wantsResponse(head.url())) {
                d.onResponseWithoutBody(head, why);
                fed = true;
            }
        }
        if (fed) {
            settleSoon();
        }
    }

    private void feed(ObservedResponse observed) {
        boolean fed = false;
        for (TrackedTask t : tasks) {
            Detection d = t.detection().orElse(null);
            if (d != null && d.compiled().wantsResponse(observed.url())) {
                d.onResponse(observed);
                fed = true;
            }
        }
        if (fed) {
            settleSoon();
        }
    }

    /**
     * Reads the bodies of finished responses and gives up on those that waited too long; on the
     * attachment's thread, never in an event handler.
     */
    void drainBodies(boolean all) {
        long now = System.nanoTime();
        // Collected first: feeding probes the page, and Playwright delivers events (which add here) meanwhile.
        List<PendingBody> expired = new ArrayList<>();
        for (Iterator<PendingBody> it = awaitingBody.values().iterator(); it.hasNext(); ) {
            PendingBody p = it.next();
            if (all || now - p.since() > BODY_WAIT_NANOS) {
                it.remove();
                expired.add(p);
            }
        }
        for (PendingBody p : expired) {
            missing(p.head(), all ? "the page was closed or detached first"
                    : "it did not come within " + TimeUnit.NANOSECONDS.toMillis(BODY_WAIT_NANOS) + " ms (the page left it?)");
        }
        for (PendingBody p = bodiesReady.poll(); p != null; p = bodiesReady.poll()) {
            readBody(p);
        }
    }

    /**
     * A new document loaded in the main frame: the bodies the old one (and its frames) still waited for
     * will not come. Only on a load, which a same-document navigation (pushState) does not fire.
     */
    private void abandonBodies() {
        if (awaitingBody.isEmpty() || mainNavigatedAt == 0) {
            return;
        }
        List<PendingBody> gone = new ArrayList<>();
        for (Iterator<PendingBody> it = awaitingBody.values().iterator(); it.hasNext(); ) {
            PendingBody p = it.next();
            if (p.since() - mainNavigatedAt < 0) {
                it.remove();
                gone.add(p);
            }
        }
        for (PendingBody p : gone) {
            missing(p.head(), "the page left before the body arrived");
        }
    }

    private void readBody(PendingBody p) {
        ObservedResponse head = p.head();
        String length = p.response().headers().get("content-length");
        try {
            if (length != null && Long.parseLong(length.trim()) > ObservedResponse.MAX_BODY) {
                missing(head, "larger than " + ObservedResponse.MAX_BODY / 1024 + " KiB (" + length.trim() + " bytes)");
                return;
            }
        } catch (NumberFormatException e) {
            // read it and cut it
        }
        if (page.isClosed()) {
            missing(head, "the page was closed first");
            return;
        }
        try {
            feed(new ObservedResponse(head.url(), head.method(), head.status(), head.contentType(), p.response().text(), head.at()));
        } catch (PlaywrightException e) {
            missing(head, firstLine(e));
        }
    }

    private void onFrameNavigated(Frame frame) {
        if (!hasPending()) {
            return;
        }
        if (frame == page.mainFrame()) {
            mainNavigatedAt = System.nanoTime();
            String url = frame.url();
            for (TrackedTask t : tasks) {
                if (t.home == page) {
                    t.detection().ifPresent(d -> d.onNavigation(url));
                }
            }
        } else {
            settleSoon(); // a frame's new document: probing it turns its agent's DOM watch on
        }
    }

    private void onClose() {
        drainBodies(true);
        for (TrackedTask t : tasks) {
            if (t.home == page && !t.isDone()) {
                Optional<Verdict> decided = t.detection().flatMap(Detection::decideNow); // no event will come: no settling
                t.pending.complete(decided.orElseGet(() -> Verdict.of(Outcome.UNKNOWN,
                        Evidence.of("the page was closed before any rule matched"))));
            }
        }
        tasks.clear();
        unlisten();
        attachment.forget(this);
    }

    /** A message of the page agent or the widget hooks (already stripped of its prefix). */
    void onPush(JsonNode message, String json) {
        String kind = message.path("kind").asText("");
        switch (kind) {
            case "dom" -> settleSoon();
            case "token" -> onToken(message.path("token").asText(""));
            case "reset", "render" -> {
                Optional<WidgetEvent> event = WidgetEvent.parse(json);
                if (event.isPresent() && hasPending()) {
                    for (TrackedTask t : tasks) {
                        t.detection().filter(d -> !event.get().at().isBefore(d.startedAt().minusMillis(5)))
                                .ifPresent(d -> d.onWidgetEvent(event.get()));
                    }
                    settleSoon();
                }
            }
            default -> LOG.trace("ignoring a page message of kind '{}'", kind);
        }
    }

    private void onToken(String token) {
        if (token.isEmpty()) {
            return;
        }
        Optional<SolvedTask> task = attachment.feedback().findByToken(token);
        if (task.isEmpty() || attachment.isTracking(task.get())) {
            return;
        }
        LOG.debug("recognised the token of task {} in {}", task.get().key(), page.url());
        attachment.startTracking(this, task.get(), page);
    }

    // ---- deciding ----

    /**
     * With {@code probe}, runs the in-page checks while a task is pending. Verdicts settle themselves on
     * the feedback's timer once their detection decides: nothing to do without a probe.
     */
    void settle(boolean probe) {
        if (probe && hasPending()) {
            probe();
        }
    }

    /**
     * After an event: marks the page for a probe and leaves it (a Playwright
     * call) to the attachment's thread outside the handler ({@link #settleDue}, within one pumping slice
     * while {@code awaitVerdict} waits): an event handler never waits for the page.
     */
    private void settleSoon() {
        probeDue = true;
    }

    /** Called while waiting: bodies, a probe skipped or due, and a last probe before a detection times out. */
    void settleDue(boolean probe) {
        drainBodies(false);
        if (!hasPending()) {
            return;
        }
        boolean expiring = tasks.stream().anyMatch(t -> t.detection().map(Detection::isExpired).orElse(true));
        settle(probe || expiring || probeDue);
    }

    /** Probes every frame of the page (same- and cross-origin) and turns the agent's DOM watch on in each. */
    private void probe() {
        probeDue = false;
        if (page.isClosed()) {
            return;
        }
        Map<CompiledRuleSet, List<TrackedTask>> byRules = new IdentityHashMap<>();
        long until = 0;
        for (TrackedTask t : tasks) {
            Detection d = t.detection().orElse(null);
            if (d != null) {
                byRules.computeIfAbsent(d.compiled(), k -> new ArrayList<>()).add(t);
                until = Math.max(until, d.deadline().toEpochMilli() + 1000);
            }
        }
        List<Frame> frames = frames();
        for (Map.Entry<CompiledRuleSet, List<TrackedTask>> e : byRules.entrySet()) {
            String script = probeScripts.computeIfAbsent(e.getKey(), PageWatch::probeScript);
            for (Frame frame : frames) {
                Object result = evaluateQuietly(frame, script, (double) until);
                if (result instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> typed = (Map<String, ?>) map;
                    for (TrackedTask t : e.getValue()) {
                        t.probed(frame, typed);
                    }
                }
            }
            for (TrackedTask t : e.getValue()) {
                t.feedProbes();
            }
        }
    }

    private static String probeScript(CompiledRuleSet compiled) {
        return "until => { try { const a = window.__captchaFeedback; if (a && a.watch) { a.watch(until); } } catch (e) { }\n"
                + "return (" + compiled.probeFunction() + ")(); }";
    }

    /** The page's frames, the main frame first. */
    List<Frame> frames() {
        try {
            return page.frames();
        } catch (PlaywrightException e) {
            return List.of();
        }
    }

    private static Object evaluateQuietly(Frame frame, String script, Object arg) {
        try {
            return frame.isDetached() ? null : frame.evaluate(script, arg);
        } catch (PlaywrightException e) {
            // navigating away destroys the execution context; the next document is probed on its own
            LOG.debug("script not run in {}: {}", frame.url(), firstLine(e));
            return null;
        }
    }

    private static String firstLine(RuntimeException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
