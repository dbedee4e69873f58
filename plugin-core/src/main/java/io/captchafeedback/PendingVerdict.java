package io.captchafeedback;


import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.spi.Detection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The verdict still to come for one injected token. An integration creates it with
 * {@link CaptchaFeedback#track} and feeds its {@link #detection()} with what the page does; it settles
 * itself when the detection decides (after the page settled) or times out, on a timer of its
 * {@link CaptchaFeedback}: nobody needs to poll or nudge it. Wait on {@link #result()} or
 * {@link #awaitVerdict}; {@link #complete} settles it with a verdict of the caller's (an integration
 * detaching, a failed injection). The verdict goes to the reporter and to every verdict listener, exactly once.
 *
 * <pre>{@code
 * PendingVerdict pending = captchaFeedback.track(task, URI.create(driver.getCurrentUrl()));
 * // ... the page reacts to the token
 * Optional<Verdict> verdict = pending.awaitVerdict(Duration.ofSeconds(15));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PendingVerdict {
    private final SolvedTask task;
    private final Detection detection;
    private final CompletableFuture<TaskVerdict> result = new CompletableFuture<>();
    private final CaptchaFeedback owner;

    private Instant wakeScheduled;

    PendingVerdict(SolvedTask task, Detection detection, CaptchaFeedback owner) {
        this.task = task;
        this.detection = detection;
        this.owner = owner;
    }

    /** Whether a wake-up at {@code at} needs scheduling (none is scheduled at or before it). */
    synchronized boolean claimWake(Instant at) {
        if (wakeScheduled != null && !wakeScheduled.isAfter(at)) {
            return false;
        }
        wakeScheduled = at;
        return true;
    }

    synchronized void wakeDone() {
        wakeScheduled = null;
    }

    /** The task whose token is being judged. */
    public SolvedTask task() {
        return task;
    }

    /**
     * The detection deciding the verdict, if a rule set applies to the page; without one the verdict
     * is {@link Outcome#UNKNOWN} as soon as the integration completes it.
     */
    public Optional<Detection> detection() {
        return Optional.ofNullable(detection);
    }

    /**
     * Completes with the given verdict: reports it and tells the listeners. Only the first call counts.
     *
     * @return {@code true} if this call decided the verdict
     */
    public boolean complete(Verdict verdict) {
        return owner.complete(this, verdict);
    }

    /**
     * Completes with the detection's decision if it has one (the page has settled), or its timeout verdict
     * once it expired. Called by the owner's settle timer; idempotent.
     *
     * @return {@code true} if this call decided the verdict
     */
    boolean completeIfDecided() {
        if (isDone()) {
            return false;
        }
        if (detection == null) {
            return complete(Verdict.of(Outcome.UNKNOWN, Evidence.of("no rule set applies to " + task.pageUrl())));
        }
        Optional<Verdict> decided = detection.decide();
        if (decided.isPresent()) {
            return complete(decided.get());
        }
        return detection.isExpired() && complete(detection.timeout());
    }

    boolean settle(TaskVerdict verdict) {
        return result.complete(verdict);
    }

    /** Whether the verdict is known. */
    public boolean isDone() {
        return result.isDone();
    }

    /** The verdict and its report, when it is known. */
    public CompletableFuture<TaskVerdict> result() {
        return result.copy();
    }

    /** Waits up to {@code timeout} for the verdict; empty if it is not known by then. */
    public Optional<Verdict> awaitVerdict(Duration timeout) {
        try {
            return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS).verdict());
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "PendingVerdict[" + task.key() + (isDone() ? ", " + result.join().verdict().outcome() : ", pending") + "]";
    }
}
