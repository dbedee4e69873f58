package io.captchafeedback.solve;

import io.captchafeedback.task.SolvedTask;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A solved widget: the {@link SolvedTask} to inject and track (built from the provider's answer by
 * {@link io.captchafeedback.provider.TaskAnswers}, so report windows run from the provider's clock), how
 * long the provider took, how many polls it needed and which providers failed before it (with a
 * {@link SolvePolicy}).
 *
 * <pre>{@code
 * Solution solution = solver.solve("anticaptcha", widget);
 * feedback.track(solution.task(), URI.create(pageUrl));
 * log.info("solved in {} by {}", solution.solveTime(), solution.task().providerId());
 * }</pre>
 *
 * <p>{@link #toString()} shortens the token as {@link SolvedTask} does. Immutable and thread-safe.
 *
 * @param task the solved task (provider id, task id, type, token, solvedAt, page URL, site key, task type name)
 * @param widget the widget it solves
 * @param solveTime from {@code createTask} to the solution: the provider's {@code endTime - createTime} where
 *     it states both (Anti-Captcha, 2Captcha), else from sending {@code createTask} to sending the poll that
 *     answered {@code ready}
 * @param polls how many {@code getTaskResult} requests were sent (0 when {@code createTask} answered the solution)
 * @param failedBefore the errors of the providers tried before this one, in order
 */
public record Solution(SolvedTask task, FoundWidget widget, Duration solveTime, int polls,
        List<SolveException> failedBefore) {

    public Solution {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(widget, "widget == null");
        Objects.requireNonNull(solveTime, "solveTime == null");
        failedBefore = List.copyOf(failedBefore == null ? List.of() : failedBefore);
    }

    /** This solution with the errors of earlier providers. */
    Solution after(List<SolveException> failures) {
        return new Solution(task, widget, solveTime, polls, failures);
    }
}
