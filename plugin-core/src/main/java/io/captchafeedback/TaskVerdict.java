package io.captchafeedback;


import io.captchafeedback.report.ReportHandle;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * A verdict about one solved task, with the handle of the feedback it caused (the handle completes
 * at once as skipped for verdicts that send nothing).
 *
 * <pre>{@code
 * captchaFeedback.onVerdict(v -> log.info("{} -> {}", v.task().taskId(), v.verdict().outcome()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param task the task whose token was judged
 * @param verdict what the site did with it
 * @param report the feedback's delivery handle
 */
public record TaskVerdict(SolvedTask task, Verdict verdict, ReportHandle report) {
    public TaskVerdict {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(verdict, "verdict == null");
        Objects.requireNonNull(report, "report == null");
    }

    /**
     * Waits for the report of each verdict to be decided (delivered, refused, held, given up: see
     * {@link ReportHandle#awaitDecided}), all within one {@code timeout}; what is still undecided then is
     * logged at WARN (it stays in the outbox) and returned. Used by the test-framework integrations at
     * the end of a test, a scenario or a suite.
     *
     * <!-- java: given List<TaskVerdict> verdicts -->
     * <pre>{@code
     * List<TaskVerdict> late = TaskVerdict.awaitReports(verdicts, Duration.ofSeconds(10));
     * }</pre>
     */
    public static List<TaskVerdict> awaitReports(Collection<TaskVerdict> verdicts, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TaskVerdict> undecided = new ArrayList<>();
        for (TaskVerdict verdict : verdicts) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (verdict.report().awaitDecided(left).isEmpty()) {
                LoggerFactory.getLogger(TaskVerdict.class).warn(
                        "the report about task {} was not decided within {} ms; it stays in the outbox",
                        verdict.task().key(), timeout.toMillis());
                undecided.add(verdict);
            }
        }
        return undecided;
    }
}
