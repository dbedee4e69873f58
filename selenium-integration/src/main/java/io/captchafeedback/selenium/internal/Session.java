package io.captchafeedback.selenium.internal;

import io.captchafeedback.spi.Listeners;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.spi.Injection;
import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.spi.ObservedResponse;
import io.captchafeedback.spi.WidgetEvent;
import io.captchafeedback.spi.WidgetHooks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContextInfo;
import org.openqa.selenium.bidi.script.LocalValue;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.BiDi;
import org.openqa.selenium.bidi.Event;
import org.openqa.selenium.bidi.HasBiDi;
import org.openqa.selenium.bidi.module.Script;
import org.openqa.selenium.bidi.script.ChannelValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attached Selenium session: tracks the verdicts of the tokens injected through it and feeds their
 * detections. With WebDriver BiDi, everything arrives as events (network responses and page loads,
 * subscribed to only while tasks are tracked, and the
 * pushes of the preload script: widget resets, response bodies, probe results from the in-page runner),
 * so no driver command is sent outside the user's own thread. Without BiDi, probes run on the user's
 * thread only: after the user's commands (throttled) and while waiting in {@link #awaitVerdict}.
 *
 * <p>Thread-safe.
 */
public final class Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long WAIT_POLL_MILLIS = 40;
    /** How deep classic WebDriver probes and injects below the current frame. */
    private static final int CLASSIC_FRAME_DEPTH = 2;

    final CaptchaFeedback feedback;
    final WebDriver original;
    private final JavascriptExecutor js;
    private final Script script;
    private final BiDi bidi;
    /** The subscription to the page scripts' channel messages (ended at close by its id: a user's own listeners stay). */
    private final String messagesId;
    /** Network responses and page loads are subscribed to only while tasks are tracked (user's thread). */
    private final List<String> watching = new java.util.ArrayList<>();
    private volatile boolean watched;
    private final String preloadId;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Tracked> active = new ConcurrentHashMap<>();
    private final Set<String> ownTasks = ConcurrentHashMap.newKeySet();
    private final List<Tracked> unreturned = new CopyOnWriteArrayList<>();
    private final Queue<String> preloadsToRemove = new ConcurrentLinkedQueue<>();
    private final Listeners<Consumer<TaskVerdict>> listeners = Listeners.of("verdict listener");
    private final Map<CompiledRuleSet, String> armStatements = new ConcurrentHashMap<>();
    /** The newest load event handled per browsing context while tasks are tracked. */
    private final Map<String, Long> loads = new ConcurrentHashMap<>();
    private volatile boolean anyActive;
    private volatile boolean closed;
    private volatile Tracked last;
    private long lastProbe;

    /** A response's head, read straight from the event (Selenium's own mapping also parses every header). */
    private static final Event<ObservedResponse> RESPONSES = new Event<>("network.responseCompleted", Session::response);
    /** A document loaded in a browsing context. */
    private static final Event<Load> LOADS = new Event<>("browsingContext.load", Session::load);

    /** A message of the page scripts on our channel, read straight from the event. */
    private static final Event<PageMessage> MESSAGES = new Event<>("script.message", Session::message);

    record Load(String context, String url, long timestamp) {
    }

    /** {@code source}: the browsing context it came from, else its realm. */
    record PageMessage(String json, String source) {
    }

    /** One tracked verdict. */
    static final class Tracked {
        final long id;
        final PendingVerdict pending;
        final Detection detection;
        /** The top-level browsing context (window handle) the task was tracked in: its loads are navigations. */
        final String topContext;
        /** The last probe result of each browsing context (top page, frames, popups) watched for the task. */
        final Map<String, Map<String, ?>> probes = new ConcurrentHashMap<>();
        /** When each context's kept probe was taken, for runner messages. */
        private final Map<String, Stamp> stamps = new java.util.HashMap<>();
        volatile String preloadScript;
        volatile boolean armed;

        Tracked(long id, PendingVerdict pending, Detection detection, String topContext) {
            this.id = id;
            this.pending = pending;
            this.detection = detection;
            this.topContext = topContext;
        }

        /**
         * Classic WebDriver: one round of the current frame and its children replaces their earlier probes.
         * What in-page runners pushed from other browsing contexts (a popup whose runner answered before this
         * task's first runner message marked it armed) is kept: a runner pushes only changes, so a result
         * dropped here would never come again.
         */
        synchronized void classicRound(Map<String, ?> here, List<Map<String, ?>> frames) {
            String top = topContext == null ? "" : topContext;
            if (here != null) {
                probes.put(top, here);
            } else {
                probes.remove(top);
            }
            feed(here, frames);
        }

        /**
         * Feeds the detection every context's newest probe: the top context's as the top page, the others as
         * frames. Runner messages carry when they were taken ({@code at}, {@code seq}; {@code null} for a
         * probe run from here): one older than the context's last is dropped, as Selenium hands each BiDi
         * event to its own pool thread and two pushes of one document may arrive in either order.
         */
        synchronized void probed(String context, Map<String, ?> result, Stamp stamp) {
            String key = context == null ? "" : context;
            Stamp before = stamps.get(key);
            if (stamp != null && before != null && stamp.before(before)) {
                return;
            }
            if (stamp != null) {
                stamps.put(key, stamp);
            }
            probes.put(key, result);
            feed(probes.get(topContext == null ? "" : topContext), List.of());
        }

        /** The detection gets {@code top} as the top page and every other context's kept probe, plus {@code frames}, as frames. */
        private void feed(Map<String, ?> top, List<Map<String, ?>> frames) {
            String topKey = topContext == null ? "" : topContext;
            List<Map<String, ?>> others = new java.util.ArrayList<>(frames);
            probes.forEach((c, r) -> {
                if (!c.equals(topKey)) {
                    others.add(r);
                }
            });
            detection.onProbes(top, others);
        }
    }

    /** When an in-page runner took a probe: high-resolution browser wall time, then the runner's count. */
    record Stamp(double at, long seq) {
        boolean before(Stamp other) {
            return at < other.at || (at == other.at && seq < other.seq);
        }
    }

    public Session(WebDriver driver, CaptchaFeedback feedback) {
        this.feedback = Objects.requireNonNull(feedback, "feedback == null");
        this.original = Objects.requireNonNull(driver, "driver == null");
        this.js = (JavascriptExecutor) driver;
        Script s = null;
        BiDi b = null;
        String preload = null;
        String messages = null;
        if (driver instanceof HasBiDi hasBiDi && hasBiDi.maybeGetBiDi().isPresent()) {
            try {
                b = hasBiDi.getBiDi();
                s = new Script(driver);
                messages = b.addListener(MESSAGES, this::onMessage);
                preload = s.addPreloadScript(Scripts.PRELOAD);
            } catch (RuntimeException e) {
                LOG.warn("WebDriver BiDi is offered but could not be set up; probing on the test's thread instead", e);
                if (messages != null) {
                    removeQuietly(b, messages);
                    messages = null;
                }
                s = null;
                b = null;
                preload = null;
            }
        } else {
            LOG.info("no WebDriver BiDi on this session (capability webSocketUrl): verdicts come from probes on the test's thread");
        }
        this.script = s;
        this.bidi = b;
        this.preloadId = preload;
        this.messagesId = messages;
    }

    public boolean usesBiDi() {
        return script != null;
    }

    /** The hot-path check: whether anything is being judged on this session. */
    public boolean isIdle() {
        return !anyActive;
    }

    // ---- injection and tracking (user's thread) ----

    /**
     * Injects into the current frame, else into the first child frame (same- or cross-origin, two levels
     * deep) that takes the token; the driver's current frame is the same afterwards.
     */
    public InjectionResult inject(SolvedTask task) {
        return inject(task, null);
    }

    /** Injects into {@code frame} (a frame element of the current frame), or as {@link #inject(SolvedTask)} when null. */
    public InjectionResult inject(SolvedTask task, WebElement frame) {
        Objects.requireNonNull(task, "task == null");
        Map<String, Object> argument = Injection.argument(task);
        URI pageUrl = currentUrl();
        Tracked tracked = track(task, pageUrl);
        InjectionResult result;
        try {
            if (frame != null) {
                original.switchTo().frame(frame);
                try {
                    result = injectHere(argument, task);
                } finally {
                    original.switchTo().parentFrame();
                }
            } else {
                result = injectHere(argument, task);
                if (!result.injected()) {
                    result = injectInChildFrames(argument, task, CLASSIC_FRAME_DEPTH).orElse(result);
                }
            }
        } catch (WebDriverException e) {
            abandon(tracked, "the injection script failed");
            throw new InjectionException("could not run the injection script for task " + task.key() + " on " + pageUrl
                    + ": " + firstLine(e), e);
        }
        if (!result.injected()) {
            abandon(tracked, "nothing was injected");
        }
        if (result.callbackError() != null) {
            LOG.warn("the page's captcha callback ({}) threw: {}", result.callbackCalled(), result.callbackError());
        }
        return result.orThrow();
    }

    private InjectionResult injectHere(Map<String, Object> argument, SolvedTask task) {
        return Injection.parse(task.type(), js.executeScript(Injection.statement(), argument));
    }

    private Optional<InjectionResult> injectInChildFrames(Map<String, Object> argument, SolvedTask task, int depth) {
        return ChildFrames.first(original, depth, () -> Optional.of(injectHere(argument, task)).filter(InjectionResult::injected));
    }

    /** Starts tracking a task whose token the user put into the page at the current URL. */
    public PendingVerdict track(SolvedTask task) {
        return track(task, currentUrl()).pending;
    }

    /** The user's own script or keys carry a registered token: track it (before the command runs). */
    void recognised(SolvedTask task) {
        if (ownTasks.contains(task.key())) {
            return;
        }
        LOG.debug("recognised the token of task {} in a command of the test", task.key());
        track(task, currentUrl());
    }

    private Tracked track(SolvedTask task, URI pageUrl) {
        if (closed) {
            throw new IllegalStateException("the captcha-feedback session is closed");
        }
        drainPreloads();
        ownTasks.add(task.key());
        PendingVerdict pending = feedback.track(task, pageUrl);
        Detection detection = pending.detection().orElse(null);
        Tracked t = new Tracked(ids.incrementAndGet(), pending, detection, windowHandle());
        unreturned.add(t);
        last = t;
        pending.result().thenAccept(this::dispatch);
        if (detection == null) {
            return t; // settled at once (UNKNOWN): no rule set applies
        }
        if (detection.compiled().needsBaseline()) {
            try { // the page before the injection, for rules that need a text to appear after it
                if (js.executeScript(detection.compiled().probeStatement()) instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> m = (Map<String, ?>) map;
                    detection.onBaseline(m);
                }
            } catch (WebDriverException e) {
                LOG.debug("no baseline probe: {}", firstLine(e));
            }
        }
        active.put(t.id, t);
        anyActive = true;
        pending.result().whenComplete((v, e) -> finished(t));
        long deadline = detection.deadline().toEpochMilli();
        if (script != null) {
            watchPage();
            try {
                t.preloadScript = script.addPreloadScript(Scripts.probePreload(detection.compiled(), t.id, deadline + 1000),
                        List.of(new ChannelValue(Scripts.CHANNEL)));
                t.armed = armEverywhere(t, deadline + 1000);
                if (!t.armed) {
                    Object armed = js.executeScript(armStatement(detection.compiled()), t.id, deadline + 1000);
                    t.armed = Boolean.TRUE.equals(armed);
                }
            } catch (RuntimeException e) {
                LOG.debug("could not start the in-page probe runner; probing on the test's thread", e);
            }
        } else {
            try {
                // Without a preload script the widget hooks go into the current document now: a reset made
                // by this page after the submit is still seen (not one made after a navigation).
                js.executeScript(WidgetHooks.script());
            } catch (RuntimeException e) {
                LOG.debug("could not install the widget hooks in the page", e);
            }
        }
        if (pending.isDone()) {
            finished(t);
        }
        return t;
    }

    /**
     * Starts the probe runner in every document of the current window (top page and frames, same- or
     * cross-origin) through BiDi; {@code true} if it runs in the top document.
     */
    private boolean armEverywhere(Tracked t, long deadline) {
        if (t.topContext == null) {
            return false;
        }
        List<String> contexts = new java.util.ArrayList<>();
        try {
            collect(new BrowsingContext(original, t.topContext).getTree(), contexts);
        } catch (RuntimeException e) {
            LOG.debug("could not list the frames of the window: {}", e.getMessage());
            return false;
        }
        String function = Scripts.armFunction(t.detection.compiled());
        List<LocalValue> arguments = List.of(new ChannelValue(Scripts.CHANNEL), LocalValue.numberValue(t.id),
                LocalValue.numberValue(deadline));
        boolean top = false;
        for (String context : contexts) {
            try {
                script.callFunctionInBrowsingContext(context, function, false, Optional.of(arguments), Optional.empty(), Optional.empty());
                top |= context.equals(t.topContext);
            } catch (RuntimeException e) {
                LOG.debug("could not start the probe runner in browsing context {}: {}", context,
                        firstLine(e));
            }
        }
        return top;
    }

    private static void collect(List<BrowsingContextInfo> tree, List<String> into) {
        for (BrowsingContextInfo info : tree) {
            into.add(info.getId());
            if (info.getChildren() != null) {
                collect(info.getChildren(), into);
            }
        }
    }

    private String windowHandle() {
        try {
            return original.getWindowHandle();
        } catch (WebDriverException e) {
            return null;
        }
    }

    private String armStatement(CompiledRuleSet compiled) {
        return armStatements.computeIfAbsent(compiled, Scripts::armStatement);
    }

    private void abandon(Tracked t, String why) {
        t.pending.complete(Verdict.of(Outcome.UNKNOWN, Evidence.of(why)));
    }

    private void finished(Tracked t) {
        if (active.remove(t.id) != null && t.preloadScript != null) {
            preloadsToRemove.add(t.preloadScript);
        }
        anyActive = !active.isEmpty();
        if (!anyActive) {
            loads.clear();
        }
    }

    // ---- the user's thread: after each command, and waits ----

    /** After a command of the user: probe pending detections that no in-page runner serves (throttled). */
    void afterCommand() {
        if (!anyActive || closed) {
            if (watched && !anyActive && !closed) {
                unwatchPage();
            }
            return;
        }
        long now = System.nanoTime();
        if (now - lastProbe < PROBE_INTERVAL_NANOS) {
            return;
        }
        lastProbe = now;
        for (Tracked t : active.values()) {
            if (script == null || !t.armed) {
                probe(t);
            }
        }
    }

    private void probe(Tracked t) {
        if (t.pending.isDone()) {
            return;
        }
        String statement = t.detection.compiled().probeStatement();
        try {
            Map<String, ?> here = probeHere(statement);
            if (script != null) {
                if (here != null) {
                    t.probed(t.topContext, here, null);
                }
                return;
            }
            // classic WebDriver has no browsing contexts to reach the frames: visit the current frame's
            // children (two levels, restored to the current frame afterwards); its parents stay unseen
            List<Map<String, ?>> frames = new java.util.ArrayList<>();
            ChildFrames.first(original, CLASSIC_FRAME_DEPTH, () -> {
                Map<String, ?> result = probeHere(statement);
                if (result != null) {
                    frames.add(result);
                }
                return Optional.empty();
            });
            t.classicRound(here, frames);
        } catch (WebDriverException e) {
            LOG.debug("probe failed (page changing?): {}", firstLine(e));
        }
    }

    private Map<String, ?> probeHere(String statement) {
        if (js.executeScript(statement) instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> m = (Map<String, ?>) map;
            return m;
        }
        return null;
    }

    /** Waits for the verdict of the most recently tracked task. */
    public Optional<TaskVerdict> awaitVerdict(Duration timeout) {
        Tracked t = last;
        if (t == null) {
            return Optional.empty();
        }
        return await(t, System.nanoTime() + timeout.toNanos());
    }

    /**
     * Waits for the verdicts of the tasks tracked since the previous call; returns those decided by then,
     * in tracking order (the others are returned by a later call).
     */
    public List<TaskVerdict> awaitVerdicts(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TaskVerdict> done = new java.util.ArrayList<>();
        for (Tracked t : List.copyOf(unreturned)) {
            Optional<TaskVerdict> verdict = await(t, deadline);
            if (verdict.isPresent()) {
                done.add(verdict.get());
                unreturned.remove(t);
            }
        }
        return done;
    }

    /**
     * Waits on the task's own verdict, which settles itself on the feedback's timer. A task no in-page
     * runner serves (no BiDi, or arming failed) is probed from here between slices of the wait: nothing
     * else can see its page.
     */
    private Optional<TaskVerdict> await(Tracked t, long deadline) {
        while (!t.pending.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            boolean probed = script == null || !t.armed;
            if (probed) {
                probe(t);
            }
            t.pending.awaitVerdict(Duration.ofNanos(probed ? Math.min(left, TimeUnit.MILLISECONDS.toNanos(WAIT_POLL_MILLIS)) : left));
        }
        drainPreloads();
        if (!anyActive) {
            unwatchPage();
        }
        return Optional.ofNullable(t.pending.result().getNow(null));
    }

    public List<PendingVerdict> pending() {
        return active.values().stream().map(t -> t.pending).toList();
    }

    private URI currentUrl() {
        return URI.create(original.getCurrentUrl());
    }

    private void drainPreloads() {
        if (script == null) {
            return;
        }
        for (String id = preloadsToRemove.poll(); id != null; id = preloadsToRemove.poll()) {
            try {
                script.removePreloadScript(id);
            } catch (RuntimeException e) {
                LOG.debug("could not remove preload script {}", id, e);
            }
        }
    }

    // ---- BiDi events (BiDi's thread): no driver commands here ----

    private void onMessage(PageMessage message) {
        if (!anyActive) {
            return;
        }
        try {
            String json = message.json();
            Map<String, Object> event = JSON.readValue(json, MAP);
            Object kind = event.get("kind");
            if ("probe".equals(kind)) {
                Tracked t = event.get("id") instanceof Number id ? active.get(id.longValue()) : null;
                if (t != null && event.get("result") instanceof Map<?, ?> result) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> m = (Map<String, ?>) result;
                    t.armed = true;
                    Stamp stamp = event.get("at") instanceof Number at && event.get("seq") instanceof Number seq
                            ? new Stamp(at.doubleValue(), seq.longValue()) : null;
                    t.probed(message.source(), m, stamp);
                }
            } else if ("response".equals(kind)) {
                String url = String.valueOf(event.get("url"));
                int status = event.get("status") instanceof Number n ? n.intValue() : 0;
                ObservedResponse response = ObservedResponse.of(url, String.valueOf(event.get("method")), status,
                        (String) event.get("contentType"), (String) event.get("body"));
                feedResponse(response);
            } else if ("body-missing".equals(kind)) {
                int status = event.get("status") instanceof Number n ? n.intValue() : 0;
                ObservedResponse head = ObservedResponse.of(String.valueOf(event.get("url")), String.valueOf(event.get("method")), status);
                String why = String.valueOf(event.get("why"));
                for (Tracked t : active.values()) {
                    if (t.detection.compiled().wantsResponse(head.url())) {
                        t.detection.onResponseWithoutBody(head, why);
                    }
                }
            } else {
                WidgetEvent.parse(json).ifPresent(e -> {
                    for (Tracked t : active.values()) {
                        t.detection.onWidgetEvent(e);
                    }
                });
            }
        } catch (Exception e) {
            LOG.warn("could not read a message from the page; ignored", e);
        }
    }

    /** Subscribes to network responses and page loads, unless subscribed already (user's thread). */
    private void watchPage() {
        synchronized (watching) {
            if (!watching.isEmpty()) {
                return;
            }
            try {
                watching.add(bidi.addListener(RESPONSES, this::onResponse));
                watching.add(bidi.addListener(LOADS, load -> onNavigation(load.context(), load.url(), load.timestamp())));
            } catch (RuntimeException e) {
                LOG.debug("could not subscribe to network responses and page loads: {}", firstLine(e));
            }
            watched = !watching.isEmpty();
        }
    }

    /** Ends the subscriptions of {@link #watchPage()} once nothing is tracked (user's thread). */
    private void unwatchPage() {
        synchronized (watching) {
            if (anyActive || watching.isEmpty()) {
                return;
            }
            for (String id : watching) {
                removeQuietly(bidi, id);
            }
            watching.clear();
            watched = false;
        }
    }

    private static ObservedResponse response(Map<String, Object> params) {
        try {
            if (params.get("response") instanceof Map<?, ?> response && params.get("request") instanceof Map<?, ?> request
                    && response.get("url") instanceof String url) {
                int status = response.get("status") instanceof Number n ? n.intValue() : 0;
                return ObservedResponse.of(url, String.valueOf(request.get("method")), status);
            }
        } catch (RuntimeException e) {
            LOG.debug("could not read a network response event: {}", firstLine(e));
        }
        return null; // Selenium drops an event mapped to null
    }

    private static PageMessage message(Map<String, Object> params) {
        if (!Scripts.CHANNEL.equals(params.get("channel")) || !(params.get("data") instanceof Map<?, ?> data)
                || !(data.get("value") instanceof String json)) {
            return null; // another channel's message, or not a string
        }
        Object source = null;
        if (params.get("source") instanceof Map<?, ?> from) {
            source = from.get("context") != null ? from.get("context") : from.get("realm");
        }
        return new PageMessage(json, source == null ? null : source.toString());
    }

    private static Load load(Map<String, Object> params) {
        if (params.get("context") instanceof String context && params.get("url") instanceof String url) {
            return new Load(context, url, params.get("timestamp") instanceof Number n ? n.longValue() : 0L);
        }
        return null;
    }

    /** The first line of {@code e}'s message (WebDriver messages carry build and system details after it). */
    static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }

    private void onResponse(ObservedResponse response) {
        if (anyActive) {
            feedResponse(response);
        }
    }

    private void feedResponse(ObservedResponse response) {
        for (Tracked t : active.values()) {
            if (t.detection.compiled().wantsResponse(response.url())) {
                t.detection.onResponse(response);
            }
        }
    }

    /**
     * A document loaded in a browsing context: a navigation of the tasks tracked in that top-level context.
     * A load older than one already handled for the context is dropped (events come on pool threads).
     */
    private void onNavigation(String context, String url, long timestamp) {
        if (!anyActive || url == null || url.isEmpty()) {
            return;
        }
        if (!newestLoad(loads, context, timestamp)) {
            return;
        }
        for (Tracked t : active.values()) {
            if (t.topContext == null || t.topContext.equals(context)) {
                t.detection.onNavigation(url);
            }
        }
    }

    /**
     * Whether a load of {@code context} at {@code timestamp} (BiDi's, ms) is the newest handled for it, and
     * keeps it if so; a load without a context is always taken.
     */
    static boolean newestLoad(Map<String, Long> newest, String context, long timestamp) {
        return context == null || newest.merge(context, timestamp, Math::max) == timestamp;
    }

    // ---- listeners ----

    public void onVerdict(Consumer<TaskVerdict> listener) {
        listeners.add(listener);
    }

    public void offVerdict(Consumer<TaskVerdict> listener) {
        listeners.remove(listener);
    }

    private void dispatch(TaskVerdict verdict) {
        ownTasks.remove(verdict.task().key());
        listeners.fire("verdict", l -> l.accept(verdict));
    }

    // ---- end ----

    /** Detaches: pending verdicts get their decision, or UNKNOWN; BiDi subscriptions end unless the browser is gone. */
    public void close(boolean browserGone) {
        if (closed) {
            return;
        }
        closed = true;
        for (Tracked t : List.copyOf(active.values())) {
            if (!browserGone && (script == null || !t.armed)) {
                probe(t);
            }
            // no event will come: what holds now decides, without settling
            t.pending.complete(t.detection.decideNow().orElseGet(() -> Verdict.of(Outcome.UNKNOWN,
                    Evidence.of(browserGone ? "the browser quit before any rule matched" : "detached before any rule matched"))));
        }
        unreturned.clear();
        if (!browserGone) {
            drainPreloads();
            if (script != null && preloadId != null) {
                try {
                    script.removePreloadScript(preloadId);
                } catch (RuntimeException e) {
                    LOG.debug("could not remove the preload script", e);
                }
            }
            unwatchPage();
            if (messagesId != null) {
                removeQuietly(bidi, messagesId);
            }
        }
    }

    @Override
    public void close() {
        close(false);
    }

    private static void removeQuietly(BiDi bidi, String subscription) {
        try {
            bidi.removeListener(subscription);
        } catch (RuntimeException e) {
            LOG.debug("could not end subscription {}: {}", subscription, firstLine(e));
        }
    }

    @Override
    public String toString() {
        return "Session[" + (usesBiDi() ? "BiDi" : "probes") + ", pending=" + active.size() + "]";
    }
}
