package io.captchafeedback.playwright.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import io.captchafeedback.Evidence;
import io.captchafeedback.Outcome;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.SolvedTask;
import io.captchafeedback.Verdict;
import io.captchafeedback.rule.CompiledRuleSet;
import io.captchafeedback.rule.Detection;
import io.captchafeedback.rule.ObservedResponse;
import io.captchafeedback.rule.WidgetEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page of an attachment: its Java listeners and the tasks pending on it. Every event feeds the
 * detections of the pending tasks and settles those a rule decides; in-page checks run on DOM
 * pushes, after navigations and as a fallback while waiting. Used on the Playwright thread only.
 */
final class PageWatch {
    private static final Logger LOG = LoggerFactory.getLogger(PageWatch.class);

    private final PlaywrightAttachment attachment;
    private final Page page;
    private final List<PendingVerdict> pending = new CopyOnWriteArrayList<>();
    private final Consumer<Request> onRequest = this::onRequest;
    private final Consumer<Response> onResponse = this::onResponse;
    private final Consumer<Frame> onFrameNavigated = this::onFrameNavigated;
    private final Consumer<Page> onLoaded = p -> settle(true);
    private final Consumer<Page> onClose = p -> onClose();

    PageWatch(PlaywrightAttachment attachment, Page page) {
        this.attachment = attachment;
        this.page = page;
    }

    Page page() {
        return page;
    }

    void listen() {
        page.onRequest(onRequest);
        page.onResponse(onResponse);
        page.onFrameNavigated(onFrameNavigated);
        page.onDOMContentLoaded(onLoaded);
        page.onLoad(onLoaded);
        page.onClose(onClose);
    }

    void unlisten() {
        page.offRequest(onRequest);
        page.offResponse(onResponse);
        page.offFrameNavigated(onFrameNavigated);
        page.offDOMContentLoaded(onLoaded);
        page.offLoad(onLoaded);
        page.offClose(onClose);
    }

    /** Installs the scripts into the document already loaded (new documents get the init script). */
    void installNow() {
        evaluateQuietly(PageScripts.now(), null);
    }

    void add(PendingVerdict verdict) {
        pending.add(verdict);
    }

    /**
     * Feeds the state before an injection to a detection whose rules use {@code appeared} (one probe;
     * a page that cannot be probed leaves the first later probe as the baseline).
     */
    void baseline(PendingVerdict verdict) {
        verdict.detection().filter(d -> d.compiled().needsBaseline()).ifPresent(d -> {
            if (evaluateQuietly(d.compiled().probeFunction(), null) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) map;
                d.onBaseline(typed);
            }
        });
    }

    /** Turns the page agent's DOM watch on for the current document. */
    void startWatching() {
        evaluateQuietly(PageScripts.WATCH, true);
    }

    private boolean hasPending() {
        pending.removeIf(PendingVerdict::isDone);
        return !pending.isEmpty();
    }

    // ---- events ----

    /**
     * A registered token sent in a request body (a form POST or an XHR) starts tracking its task, even
     * when the page agent had no chance to push it (a {@code form.submit()} that unloads the page at once).
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
            attachment.startTracking(this, task.get()).detection().ifPresent(Detection::onBaselineMissed);
        }
    }

    private void onResponse(Response response) {
        if (!hasPending()) {
            return;
        }
        String url = response.url();
        ObservedResponse observed = null;
        boolean fed = false;
        for (PendingVerdict p : pending) {
            Detection d = p.detection().orElse(null);
            if (d == null || !d.compiled().wantsResponse(url)) {
                continue;
            }
            if (observed == null || (observed.body() == null && d.compiled().needsBody(url))) {
                observed = observe(response, url, d.compiled().needsBody(url));
            }
            d.onResponse(observed);
            fed = true;
        }
        if (fed) {
            settle(true);
        }
    }

    private static ObservedResponse observe(Response response, String url, boolean withBody) {
        String contentType = response.headerValue("content-type");
        String body = null;
        if (withBody && (response.status() < 300 || response.status() >= 400)) {
            try {
                body = response.text();
            } catch (PlaywrightException e) {
                LOG.debug("no body for {}: {}", url, e.getMessage());
            }
        }
        return ObservedResponse.of(url, response.request().method(), response.status(), contentType, body);
    }

    private void onFrameNavigated(Frame frame) {
        if (frame != page.mainFrame() || !hasPending()) {
            return;
        }
        String url = frame.url();
        for (PendingVerdict p : pending) {
            p.detection().ifPresent(d -> d.onNavigation(url));
        }
        settle(false);
    }

    private void onClose() {
        for (PendingVerdict p : pending) {
            if (!p.isDone() && !p.completeIfDecided()) {
                Optional<Verdict> decided = p.detection().flatMap(Detection::decideNow); // no event will come: no settling
                p.complete(decided.orElseGet(() -> Verdict.of(Outcome.UNKNOWN,
                        Evidence.of("the page was closed before any rule matched"))));
            }
        }
        pending.clear();
        unlisten();
        attachment.forget(this);
    }

    /** A push through the binding; the answer goes back to the page. */
    Object onPush(JsonNode message, String json) {
        String kind = message.path("kind").asText("");
        switch (kind) {
            case "hello":
                return hasPending();
            case "dom":
                if (!hasPending()) {
                    return false;
                }
                settle(true);
                return hasPending();
            case "token":
                return onToken(message.path("token").asText(""));
            case "reset":
            case "render":
                Optional<WidgetEvent> event = WidgetEvent.parse(json);
                if (event.isPresent() && hasPending()) {
                    for (PendingVerdict p : pending) {
                        p.detection().filter(d -> !event.get().at().isBefore(d.startedAt().minusMillis(5)))
                                .ifPresent(d -> d.onWidgetEvent(event.get()));
                    }
                    settle(true);
                }
                return null;
            default:
                return null;
        }
    }

    private boolean onToken(String token) {
        if (token.isEmpty()) {
            return false;
        }
        Optional<SolvedTask> task = attachment.feedback().findByToken(token);
        if (task.isEmpty() || attachment.isTracking(task.get())) {
            return false;
        }
        LOG.debug("recognised the token of task {} in {}", task.get().key(), page.url());
        attachment.startTracking(this, task.get());
        return true;
    }

    // ---- deciding ----

    /** Settles what the events so far decide; with {@code probe}, runs the in-page checks first if needed. */
    void settle(boolean probe) {
        if (!hasPending()) {
            return;
        }
        for (PendingVerdict p : pending) {
            p.completeIfDecided();
        }
        if (probe && hasPending()) {
            probe();
            for (PendingVerdict p : pending) {
                p.completeIfDecided();
            }
        }
    }

    /** Called while waiting: the fallback probe, and a last probe before a detection times out. */
    void settleDue(boolean probe) {
        if (!hasPending()) {
            return;
        }
        boolean expiring = pending.stream().anyMatch(p -> p.detection().map(Detection::isExpired).orElse(true));
        settle(probe || expiring);
    }

    private void probe() {
        if (page.isClosed()) {
            return;
        }
        Map<CompiledRuleSet, List<Detection>> byRules = new IdentityHashMap<>();
        for (PendingVerdict p : pending) {
            p.detection().ifPresent(d -> byRules.computeIfAbsent(d.compiled(), k -> new ArrayList<>()).add(d));
        }
        for (Map.Entry<CompiledRuleSet, List<Detection>> e : byRules.entrySet()) {
            Object result = evaluateQuietly(e.getKey().probeFunction(), null);
            if (result instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) map;
                for (Detection d : e.getValue()) {
                    d.onProbe(typed);
                }
            }
        }
    }

    private Object evaluateQuietly(String script, Object arg) {
        try {
            return page.evaluate(script, arg);
        } catch (PlaywrightException e) {
            // navigating away destroys the execution context; the next document is probed on its own
            LOG.debug("script not run in {}: {}", page.url(), e.getMessage());
            return null;
        }
    }
}
