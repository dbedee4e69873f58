package io.captchafeedback.playwright.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.Evidence;
import io.captchafeedback.Outcome;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.Verdict;
import io.captchafeedback.inject.Injection;
import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.rule.Detection;
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
    private static final int PUMP_MILLIS = 20;
    /** How often the fallback probe runs while waiting. */
    private static final long FALLBACK_PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final CaptchaFeedback feedback;
    private final BrowserContext context;
    private final Thread owner = Thread.currentThread();
    private final BindingRouter router;
    private final Map<Page, PageWatch> pages = new LinkedHashMap<>();
    private final List<PendingVerdict> tracked = new CopyOnWriteArrayList<>();
    private final List<Consumer<TaskVerdict>> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<Page> onPage = this::watch;
    private volatile boolean attached = true;

    private PlaywrightAttachment(CaptchaFeedback feedback, BrowserContext context, BindingRouter router) {
        this.feedback = feedback;
        this.context = context;
        this.router = router;
    }

    /** Attaches to every page of the context, present and future (popups too). */
    public static PlaywrightAttachment attach(BrowserContext context, CaptchaFeedback feedback) {
        Objects.requireNonNull(context, "context == null");
        Objects.requireNonNull(feedback, "feedback == null");
        BindingRouter router = BindingRouter.forOwner(context, r -> {
            context.exposeBinding(io.captchafeedback.rule.WidgetHooks.BINDING, r);
            context.addInitScript(PageScripts.init());
        });
        PlaywrightAttachment attachment = new PlaywrightAttachment(feedback, context, router);
        router.route(attachment);
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
        BindingRouter router = BindingRouter.forOwner(page, r -> {
            page.exposeBinding(io.captchafeedback.rule.WidgetHooks.BINDING, r);
            page.addInitScript(PageScripts.init());
        });
        PlaywrightAttachment attachment = new PlaywrightAttachment(feedback, null, router);
        router.route(attachment);
        attachment.watch(page).installNow();
        return attachment;
    }

    CaptchaFeedback feedback() {
        return feedback;
    }

    private PageWatch watch(Page page) {
        PageWatch existing = pages.get(page);
        if (existing != null) {
            return existing;
        }
        PageWatch watch = new PageWatch(this, page);
        pages.put(page, watch);
        watch.listen();
        return watch;
    }

    void forget(PageWatch watch) {
        pages.remove(watch.page());
    }

    @Override
    public PendingVerdict track(Page page, SolvedTask task) {
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(task, "task == null");
        checkAttached();
        PageWatch watch = pages.get(page);
        if (watch == null) {
            throw new IllegalArgumentException("the page is not part of this attachment: " + page.url());
        }
        PendingVerdict pending = startTracking(watch, task);
        watch.startWatching();
        return pending;
    }

    @Override
    public InjectionResult inject(Page page, SolvedTask task) {
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(task, "task == null");
        checkAttached();
        PageWatch watch = pages.get(page);
        if (watch == null) {
            throw new IllegalArgumentException("the page is not part of this attachment: " + page.url());
        }
        Object argument = Injection.argument(task);
        PendingVerdict pending = startTracking(watch, task);
        watch.baseline(pending);
        InjectionResult result;
        try {
            result = Injection.parse(task.type(), page.evaluate(Injection.script(), argument));
        } catch (PlaywrightException | InjectionException e) {
            pending.complete(Verdict.of(Outcome.UNKNOWN, Evidence.of("the injection failed: " + e.getMessage())));
            throw e instanceof InjectionException ie ? ie
                    : new InjectionException("the injection script failed in " + page.url() + ": " + e.getMessage(), e);
        }
        if (result.injected()) {
            LOG.debug("injected task {}: {}", task.key(), result);
            watch.startWatching();
        } else {
            LOG.warn("nothing injected for task {} on {}: {}", task.key(), page.url(), result.notes());
            pending.complete(Verdict.of(Outcome.UNKNOWN, Evidence.of("nothing was injected: no response field and no callback found")));
        }
        return result;
    }

    PendingVerdict startTracking(PageWatch watch, SolvedTask task) {
        PendingVerdict pending = feedback.track(task, URI.create(watch.page().url()));
        tracked.add(pending);
        watch.add(pending);
        pending.result().thenAccept(this::deliver);
        return pending;
    }

    /** Whether this task is tracked here and still pending. */
    boolean isTracking(SolvedTask task) {
        for (PendingVerdict p : tracked) {
            if (!p.isDone() && p.task().key().equals(task.key())) {
                return true;
            }
        }
        return false;
    }

    private void deliver(TaskVerdict verdict) {
        for (Consumer<TaskVerdict> listener : listeners) {
            try {
                listener.accept(verdict);
            } catch (RuntimeException e) {
                LOG.warn("verdict listener {} failed; ignored", listener, e);
            }
        }
    }

    /** A push from the page agent or the widget hooks, on the Playwright thread. */
    Object onPush(Page page, String json) {
        if (!attached) {
            return false;
        }
        PageWatch watch = page == null ? null : pages.get(page);
        if (watch == null) {
            return false;
        }
        JsonNode message;
        try {
            message = JSON.readTree(json);
        } catch (IOException e) {
            LOG.debug("ignoring a push that is not JSON: {}", json);
            return null;
        }
        try {
            return watch.onPush(message, json);
        } catch (PlaywrightException e) {
            LOG.debug("page event not handled: {}", e.getMessage());
            return null;
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
        PendingVerdict last = tracked.get(tracked.size() - 1);
        pumpUntil(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), () -> last.isDone());
        return last.isDone() ? Optional.of(last.result().join()) : Optional.empty();
    }

    @Override
    public List<TaskVerdict> awaitVerdicts(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        List<PendingVerdict> all = List.copyOf(tracked);
        pumpUntil(timeout, () -> all.stream().allMatch(PendingVerdict::isDone));
        List<TaskVerdict> done = new ArrayList<>();
        for (PendingVerdict p : all) {
            if (p.isDone()) {
                done.add(p.result().join());
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
        return tracked.stream().filter(p -> !p.isDone()).toList();
    }

    @Override
    public void onVerdict(Consumer<TaskVerdict> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener == null"));
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
        }
        for (PageWatch watch : List.copyOf(pages.values())) {
            watch.settleDue(false);
            watch.unlisten();
        }
        pages.clear();
        for (PendingVerdict p : tracked) {
            if (!p.isDone()) {
                Optional<Verdict> decided = p.detection().flatMap(Detection::decideNow); // detached: no settling
                p.complete(decided.orElseGet(() -> Verdict.of(Outcome.UNKNOWN,
                        Evidence.of("detached before any rule matched"))));
            }
        }
        tracked.clear();
        listeners.clear();
    }

    @Override
    public String toString() {
        return "PlaywrightAttachment[" + (context != null ? "context" : "page") + ", pages=" + pages.size()
                + ", pending=" + pending().size() + (attached ? "" : ", closed") + "]";
    }
}
