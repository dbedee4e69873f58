package io.captchafeedback.solve;

import io.captchafeedback.inject.InjectionResult;
import java.util.Objects;

/**
 * What one {@code solveAndInject} call did: the solution bought for the widget found (its task is tracked
 * from the injection on, like any injected task) and what the injection did in the widget's frame.
 *
 * <!-- java: given SeleniumCaptchaFeedback cf -->
 * <pre>{@code
 * SolvedInjection done = cf.solveAndInject(solver, SolvePolicy.of("capsolver", "anticaptcha"));
 * log.info("{} solved in {}", done.solution().task().providerId(), done.solution().solveTime());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param solution the solution (task, widget, solve time, errors of providers tried before)
 * @param injection what the injection wrote and called
 */
public record SolvedInjection(Solution solution, InjectionResult injection) {

    public SolvedInjection {
        Objects.requireNonNull(solution, "solution == null");
        Objects.requireNonNull(injection, "injection == null");
    }

    /** The widget that was solved. */
    public FoundWidget widget() {
        return solution.widget();
    }
}
