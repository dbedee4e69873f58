/**
 * Solving: buy a solution for a widget found in a page from the configured providers, through their
 * {@code createTask}/{@code getTaskResult} API, and get back the {@link io.captchafeedback.task.SolvedTask}
 * whose feedback the library then sends. {@link io.captchafeedback.solve.FoundWidget} is what the engines
 * find in a page; {@link io.captchafeedback.solve.Solver} solves it (blocking or as a
 * {@link java.util.concurrent.CompletableFuture}), optionally under a
 * {@link io.captchafeedback.solve.SolvePolicy} that falls back to other providers;
 * {@link io.captchafeedback.solve.SolveException} types the errors;
 * {@link io.captchafeedback.solve.SolveStatistics} counts outcomes and solve times per provider. Task
 * types, polling delays and error codes per provider, with sources: {@code docs/solving.md}.
 *
 * <!-- java: given SeleniumCaptchaFeedback cf -->
 * <pre>{@code
 * try (Solver solver = Solver.builder(providers).build()) {
 *     Solution solution = solver.solve(widget, SolvePolicy.of("capsolver", "anticaptcha"));
 *     cf.inject(solution.task());
 * }
 * }</pre>
 */
package io.captchafeedback.solve;
