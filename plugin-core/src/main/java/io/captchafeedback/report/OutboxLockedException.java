package io.captchafeedback.report;

import io.captchafeedback.task.CaptchaFeedbackException;
import java.nio.file.Path;

/**
 * Thrown when a reporter opens an outbox that another reporter (in this or another process) holds.
 * Two reporters never share an outbox: that would send feedback twice.
 *
 * <!-- java: given List<ProviderAdapter> adapters -->
 * <pre>{@code
 * try (FeedbackReporter r = FeedbackReporter.builder().adapters(adapters).outbox(dir).build()) {
 *     // ...
 * } catch (OutboxLockedException e) {
 *     log.error(e.getMessage()); // names the lock file
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class OutboxLockedException extends CaptchaFeedbackException {
    private static final long serialVersionUID = 1L;

    private final transient Path lockFile;

    OutboxLockedException(Path lockFile) {
        super("the outbox " + lockFile.getParent() + " is already in use by another reporter (lock held on "
                + lockFile + "); close that reporter or give this one another outbox directory");
        this.lockFile = lockFile;
    }

    /** The lock file that is held. */
    public Path lockFile() {
        return lockFile;
    }
}
