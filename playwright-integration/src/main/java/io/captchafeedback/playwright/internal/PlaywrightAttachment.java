package io.captchafeedback.playwright.internal;

import io.captchafeedback.spi.Listeners;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
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
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.spi.Detection;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attachment to a context (all its pages, popups included) or to one page. Not public API.
 *
 * <p>Confined to the thread that created it, except the verdict listeners and {@link #pending()}.
 */
public final class PlaywrightAttachment implements Attachment {
    private static final Logger LOG = LoggerFactory.getLogger(PlaywrightAttachment.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long one pumping call stays inside Playwright: events are delivered during it. */
    private static final int PUMP_MILLIS = 10;
    /** How often the fallback probe runs while waiting. */
    private static final long FALLBACK_PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final CaptchaFeedback feedback;
    private final BrowserContext context;
    private final Page onlyPage;
    private final Thread owner = Thread.currentThread();
    private final AgentRouter router;
    private final Map<Page, PageWatch> pages = new LinkedHashMap<>();
    private final List<TrackedTask> tracked = new CopyOnWriteArrayList<>();
    private final List<TrackedTask> unreturned = new CopyOnWriteArrayList<>();
    private final Listeners<Consumer<TaskVerdict>> listeners = Listeners.of("verdict listener");
    private final Consumer<Page> onPage = this::watch;
    private volatile boolean attached = true;

    private PlaywrightAttachment(CaptchaFeedback feedback, BrowserContext context, Page onlyPage, AgentRouter router) {
        this.feedback = feedback;
        this.context = context;
        this.onlyPage = onlyPage;
        this.router = router;
    }

    /** Attaches to every page of the context, present and future (popups too). */
    public static PlaywrightAttachment attach(BrowserContext context, CaptchaFeedback feedback) {
        Objects.requireNonNull(context, "context == null");
        Objects.requireNonNull(feedback, "feedback == null");
        AgentRouter router = AgentRouter.forOwner(context, () -> context.addInitScript(PageScripts.init()));
        PlaywrightAttachment attachment = new PlaywrightAttachment(feedback, context, null, router);
        router.route(attachment);
        context.onConsoleMessage(router);
        context.onPage(attachment.onPage);
        for (Page page : context.pages()) {
            attachment.watch(page).installNow();
        }
        return attachment;
    }

    /** Attaches to one page only (its popups are not followed). */
    public static PlaywrightAttachment attach(Page page, CaptchaFeedback feedback) {
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(feedback, "feedback == null");
        AgentRouter router = AgentRouter.forOwner(page, () -> page.addInitScript(PageScripts.init()));
        PlaywrightAttachment attachment = new PlaywrightAttachment(feedback, null, page, router);
        router.route(attachment);
        page.onConsoleMessage(router);
        attachment.watch(page).installNow();
        return attachment;
    }

    CaptchaFeedback feedback() {
        return feedback;
    }

    /** Watches a page; a page opened after an injection (a popup, a new tab) is watched for the tasks pending. */
    private PageWatch watch(Page page) {
        PageWatch existing = pages.get(page);
        if (existing != null) {
            return existing;
        }
        PageWatch watch = new PageWatch(this, page);
        pages.put(page, watch);
        watch.listen();
        for (TrackedTask t : tracked) {
            if (!t.isDone()) {
                watch.add(t);
            }
        }
        return watch;
    }

    /** Whether {@code page} is subscribed to responses and request ends now (diagnostics and tests). */
    public boolean listensToResponses(Page page) {
        PageWatch watch = pages.get(page);
        return watch != null && watch.listensToResponses();
    }

    void forget(PageWatch watch) {
        pages.remove(watch.page());
    }

    private PageWatch watchOf(Page page) {
        Objects.requireNonNull(page, "page == null");
        checkAttached();
        PageWatch watch = pages.get(page);
        if (watch == null) {
            throw new IllegalArgumentException("the page is not part of this attachment: " + page.url());
        }
        return watch;
    }

    @Override
    public PendingVerdict track(Page page, SolvedTask task) {
        Objects.requireNonNull(task, "task == null");
        PageWatch watch = watchOf(page);
        TrackedTask t = startTracking(watch, task, page);
        watch.settle(true);
        return t.pending;
    }

    @Override
    public InjectionResult inject(Page page, SolvedTask task) {
        Objects.requireNonNull(task, "task == null");
        PageWatch watch = watchOf(page);
        List<Frame> frames = watch.frames();
        return inject(watch, frames.isEmpty() ? List.of(page.mainFrame()) : frames, task);
    }

    @Override
    public InjectionResult inject(Frame frame, SolvedTask task) {
        Objects.requireNonNull(frame, "frame == null");
        Objects.requireNonNull(task, "task == null");
        return inject(watchOf(frame.page()), List.of(frame), task);
    }

    @Override
    public InjectionResult inject(FrameLocator frame, SolvedTask task) {
        Objects.requireNonNull(frame, "frame == null");
        Objects.requireNonNull(task, "task == null");
        Frame content;
        try {
            content = frame.owner().elementHandle().contentFrame();
        } catch (PlaywrightException e) {
            throw new InjectionException("the frame " + frame + " could not be found: " + firstLine(e), e);
        }
        if (content == null) {
            throw new InjectionException("the element of " + frame + " is not a frame", (InjectionResult) null);
        }
        return inject(content, task);
    }

    /**
     * Injects into the first of {@code frames} where the token reaches a field or a callback; the task is
     * tracked on the frame's page before (so a callback that submits at once is seen).
     */
    private InjectionResult inject(PageWatch watch, List<Frame> frames, SolvedTask task) {
        Object argument = Injection.argument(task);
        TrackedTask t = startTracking(watch, task, watch.page());
        watch.baseline(t.pending);
        InjectionResult first = null;
        PlaywrightException failure = null;
        for (Frame frame : frames) {
            InjectionResult result;
            try {
                result = Injection.parse(task.type(), frame.evaluate(Injection.script(), argument));
            } catch (PlaywrightException e) {
                failure = failure == null ? e : failure;
                continue;
            } catch (InjectionException e) {
                t.pending.complete(Verdict.of(Outcome.UNKNOWN, Evidence.of("the injection failed: " + e.getMessage())));
                throw e;
            }
            if (result.injected()) {
                LOG.debug("injected task {} in {}: {}", task.key(), frame.url(), result);
                if (result.callbackError() != null) {
                    LOG.warn("the page's captcha callback ({}) threw: {}", result.callbackCalled(), result.callbackError());
                }
                watch.settle(true);
                return result;
            }
            first = first == null ? result : first;
        }
        if (first == null && failure != null) {
            t.pending.complete(Verdict.of(Outcome.UNKNOWN, Evidence.of("the injection failed: " + firstLine(failure))));
            throw new InjectionException("the injection script failed in " + watch.page().url() + ": " + firstLine(failure), failure);
        }
        t.pending.complete(Verdict.of(Outcome.UNKNOWN, Evidence.of("nothing was injected: no response field and no callback found")));
        LOG.warn("nothing injected for task {} on {}: {}", task.key(), watch.page().url(), first == null ? "" : first.notes());
        if (first == null) {
            throw new InjectionException("nothing was injected for task " + task.key() + " on " + watch.page().url(), (InjectionResult) null);
        }
        first.orThrow();
        return first;
    }

    TrackedTask startTracking(PageWatch watch, SolvedTask task, Page home) {
        PendingVerdict pending = feedback.track(task, URI.create(home.url()));
        TrackedTask t = new TrackedTask(pending, home);
        tracked.add(t);
        unreturned.add(t);
        for (PageWatch w : pages.values()) {
            if (w == watch || w.page() == home) {
                w.add(t);
            }
        }
        watch.add(t);
        pending.result().thenAccept(this::deliver);
        return t;
    }

    /** Whether this task is tracked here and still pending. */
    boolean isTracking(SolvedTask task) {
        for (TrackedTask t : tracked) {
            if (!t.isDone() && t.pending.task().key().equals(task.key())) {
                return true;
            }
        }
        return false;
    }

    private void deliver(TaskVerdict verdict) {
        listeners.fire("verdict", l -> l.accept(verdict));
    }

    /** A message from the page agent or the widget hooks, on the Playwright thread. */
    void onPush(Page page, String json) {
        if (!attached) {
            return;
        }
        PageWatch watch = page == null ? null : pages.get(page);
        if (watch == null) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(json);
        } catch (IOException e) {
            LOG.debug("ignoring a page message that is not JSON: {}", json);
            return;
        }
        try {
            watch.onPush(message, json);
        } catch (PlaywrightException e) {
            LOG.debug("page event not handled: {}", firstLine(e));
        }
    }

    @Override
    public Optional<TaskVerdict> awaitVerdict(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        long deadline = System.nanoTime() + timeout.toNanos();
        if (tracked.isEmpty()) {
            if (!feedback.hasRegisteredTokens()) {
                return Optional.empty();
            }
            // a token the user wrote may still be on its way to us: events arrive only while we pump
            pumpUntil(timeout, () -> !tracked.isEmpty());
            if (tracked.isEmpty()) {
                return Optional.empty();
            }
        }
        PendingVerdict last = tracked.get(tracked.size() - 1).pending;
        pumpUntil(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), last::isDone);
        return last.isDone() ? Optional.of(last.result().join()) : Optional.empty();
    }

    @Override
    public List<TaskVerdict> awaitVerdicts(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        List<TrackedTask> all = List.copyOf(unreturned);
        pumpUntil(timeout, () -> all.stream().allMatch(TrackedTask::isDone));
        List<TaskVerdict> done = new ArrayList<>();
        for (TrackedTask t : all) {
            if (t.isDone()) {
                done.add(t.pending.result().join());
                unreturned.remove(t);
            }
        }
        return done;
    }

    private void pumpUntil(Duration timeout, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (Thread.currentThread() != owner) {
            waitPassively(deadline, done);
            return;
        }
        try {
            pump(deadline, done);
        } finally {
            for (PageWatch watch : List.copyOf(pages.values())) {
                watch.refreshNetwork(); // the verdicts waited for may have left a page with nothing pending
            }
        }
    }

    private void pump(long deadline, java.util.function.BooleanSupplier done) {
        long nextProbe = System.nanoTime() + FALLBACK_PROBE_NANOS;
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            boolean probe = System.nanoTime() >= nextProbe;
            if (probe) {
                nextProbe = System.nanoTime() + FALLBACK_PROBE_NANOS;
            }
            for (PageWatch watch : List.copyOf(pages.values())) {
                watch.settleDue(probe);
            }
            if (done.getAsBoolean()) {
                return;
            }
            Page pump = pages.values().stream().map(PageWatch::page).filter(p -> !p.isClosed()).findFirst().orElse(null);
            int slice = (int) Math.max(1, Math.min(PUMP_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)));
            if (pump == null) {
                sleep(slice);
                continue;
            }
            try {
                pump.waitForTimeout(slice);
            } catch (PlaywrightException e) {
                LOG.debug("pumping events on {} failed: {}", pump, e.getMessage());
                sleep(slice);
            }
        }
    }

    private static String firstLine(RuntimeException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private static void waitPassively(long deadline, java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(PUMP_MILLIS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<PendingVerdict> pending() {
        return tracked.stream().filter(t -> !t.isDone()).map(t -> t.pending).toList();
    }

    @Override
    public void onVerdict(Consumer<TaskVerdict> listener) {
        listeners.add(listener);
    }

    @Override
    public void offVerdict(Consumer<TaskVerdict> listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean isAttached() {
        return attached;
    }

    private void checkAttached() {
        if (!attached) {
            throw new IllegalStateException("this attachment is closed");
        }
    }

    @Override
    public void close() {
        if (!attached) {
            return;
        }
        attached = false;
        router.release(this);
        if (context != null) {
            context.offPage(onPage);
            context.offConsoleMessage(router);
        } else {
            onlyPage.offConsoleMessage(router);
        }
        for (PageWatch watch : List.copyOf(pages.values())) {
            watch.drainBodies(true);
            watch.settleDue(false);
            watch.unlisten();
        }
        pages.clear();
        for (TrackedTask t : tracked) {
            PendingVerdict p = t.pending;
            if (!p.isDone()) {
                Optional<Verdict> decided = p.detection().flatMap(Detection::decideNow); // detached: no settling
                p.complete(decided.orElseGet(() -> Verdict.of(Outcome.UNKNOWN,
                        Evidence.of("detached before any rule matched"))));
            }
        }
        tracked.clear();
        unreturned.clear();
        listeners.clear();
    }

    @Override
    public String toString() {
        return "PlaywrightAttachment[" + (context != null ? "context" : "page") + ", pages=" + pages.size()
                + ", pending=" + pending().size() + (attached ? "" : ", closed") + "]";
    }
}
