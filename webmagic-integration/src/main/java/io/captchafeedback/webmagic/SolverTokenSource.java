package io.captchafeedback.webmagic;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.Solver;
import java.util.Objects;

/**
 * A {@link TokenSource} backed by the library's {@link Solver}: the {@code createTask}/{@code getTaskResult}
 * API of the configured providers, tried in the order of a {@link SolvePolicy}.
 *
 * <pre>{@code
 * Solver solver = Solver.builder(feedback.providers().orElseThrow()).build();
 * TokenSource tokens = new SolverTokenSource(solver, SolvePolicy.of("capsolver", "anticaptcha"));
 * }</pre>
 *
 * <p>Thread-safe (the solver is). The solver stays the caller's to close.
 */
public final class SolverTokenSource implements TokenSource {
    private final Solver solver;
    private final SolvePolicy policy;

    /**
     * @param solver the solver, closed by the caller
     * @param policy which providers to try, in order
     */
    public SolverTokenSource(Solver solver, SolvePolicy policy) {
        this.solver = Objects.requireNonNull(solver, "solver == null");
        this.policy = Objects.requireNonNull(policy, "policy == null");
    }

    @Override
    public SolvedTask solve(FoundWidget widget) {
        return solver.solve(widget, policy).task();
    }

    @Override
    public String toString() {
        return "SolverTokenSource[" + policy + "]";
    }
}
