package io.captchafeedback.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A feedback still in an outbox directory, as {@link #read} finds it without delivering anything: which
 * provider and task, for which site, in which state, since when, after how many attempts. Never a key or
 * a token.
 *
 * <pre>{@code
 * import java.time.Clock;
 *
 * for (OutboxEntry e : OutboxEntry.read(Path.of("target/outbox"), Clock.systemUTC())) {
 *     System.out.println(e.providerId() + " " + e.taskId() + " " + e.state());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param providerId the provider that solved the task
 * @param taskId the provider's task id
 * @param site the site the verdict is about
 * @param accepted whether the feedback says the token was accepted
 * @param state where it stands
 * @param enqueuedAt when it was stored
 * @param attempts how many attempts the log records (each may have reached the provider)
 */
public record OutboxEntry(String providerId, String taskId, String site, boolean accepted, State state, Instant enqueuedAt,
        int attempts) {

    /** Where a stored feedback stands. */
    public enum State {
        /** Not sent yet: it goes at the next start. */
        PENDING,
        /** A negative report held by an open breaker of its (provider, site): it waits for release or discard. */
        HELD,
        /** An attempt was made and its answer is not recorded: it may have reached the provider. */
        UNCERTAIN
    }

    public OutboxEntry {
        Objects.requireNonNull(providerId, "providerId == null");
        Objects.requireNonNull(taskId, "taskId == null");
        Objects.requireNonNull(state, "state == null");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt == null");
    }

    /** How long it has been stored, at {@code now}. */
    public Duration age(Instant now) {
        Duration d = Duration.between(enqueuedAt, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Reads the entries still due in the outbox directory {@code dir}, oldest first, without delivering or
     * changing anything (the directory is locked while it is read).
     *
     * @throws OutboxLockedException when a running reporter holds the directory
     * @throws IllegalArgumentException when {@code dir} is not an outbox directory
     */
    public static List<OutboxEntry> read(Path dir, Clock clock) {
        Objects.requireNonNull(clock, "clock == null");
        if (!Files.isDirectory(Objects.requireNonNull(dir, "dir == null"))) {
            throw new IllegalArgumentException(dir + ": no such outbox directory");
        }
        Outbox outbox = Outbox.open(dir, Duration.ofMillis(5), Long.MAX_VALUE, SafeListener.of(ReportListener.NONE));
        try {
            List<OutboxEntry> out = new ArrayList<>();
            for (Entry e : outbox.replay(clock.millis()).pending()) {
                State state = e.held ? State.HELD : e.attempted ? State.UNCERTAIN : State.PENDING;
                out.add(new OutboxEntry(e.providerId(), e.feedback.task().taskId(), e.site, e.feedback.accepted(), state,
                        Instant.ofEpochMilli(e.enqueuedAt), e.loggedAttempts));
            }
            out.sort(Comparator.comparing(OutboxEntry::enqueuedAt));
            return out;
        } finally {
            outbox.close();
        }
    }
}
