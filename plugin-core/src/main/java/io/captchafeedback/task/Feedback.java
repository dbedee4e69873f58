package io.captchafeedback.task;

import java.util.Objects;
import java.util.Optional;

/**
 * One report to a provider: the task, whether its token was accepted, and an optional code and
 * message. Built from a (task, verdict) pair with {@link #from(SolvedTask, Verdict)}, which gives
 * nothing for verdicts that must not be reported.
 *
 * <pre>{@code
 * Feedback.from(task, verdict).ifPresent(feedback -> adapter.send(feedback));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param task the solved task the feedback is about
 * @param accepted {@code true} for a positive report, {@code false} for a complaint
 * @param code an optional error code (sent where the provider takes one), or {@code null}
 * @param message the message (sent where the provider takes one); never {@code null}
 */
public record Feedback(SolvedTask task, boolean accepted, String code, String message) {

    public Feedback {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(message, "message == null");
    }

    /** A positive report with the default message. */
    public static Feedback accepted(SolvedTask task) {
        return new Feedback(task, true, null, "Solution accepted successfully");
    }

    /** A negative report with the default message. */
    public static Feedback rejected(SolvedTask task) {
        return new Feedback(task, false, null, "Token was rejected by the target site");
    }

    /**
     * The feedback a verdict calls for: a positive one for {@link Outcome#ACCEPTED}, a negative one
     * for {@link Outcome#REJECTED_CAPTCHA}, nothing for the others.
     */
    public static Optional<Feedback> from(SolvedTask task, Verdict verdict) {
        if (!verdict.outcome().sendsFeedback()) {
            return Optional.empty();
        }
        boolean accepted = verdict.outcome() == Outcome.ACCEPTED;
        return Optional.of(new Feedback(task, accepted, verdict.feedbackCode(), verdict.messageOrDefault()));
    }
}
