package io.captchafeedback;


import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.report.ReportHandle;
import java.util.Objects;

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
}
