package io.captchafeedback.solve;

import io.captchafeedback.inject.InjectionResult;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A solve started by {@code solveAndInjectAsync}: the widget was found on the caller's thread, the solve
 * runs in the background (no browser call there), and {@link #inject()} waits for the solution and injects
 * it on the thread that calls it, which must be the one that drives the browser (Selenium drivers and
 * Playwright objects are not thread-safe).
 *
 * <!-- java: given SeleniumCaptchaFeedback cf; SolvePolicy policy -->
 * <pre>{@code
 * SolveInProgress solving = cf.solveAndInjectAsync(solver, policy);   // finds now, solves meanwhile
 * driver.findElement(By.id("user")).sendKeys("alice");                // the user fills the form
 * SolvedInjection done = solving.inject();                            // waits, then injects here
 * }</pre>
 *
 * <p>{@link #solution()} may be read from any thread; {@link #inject()} only from the browser's thread,
 * and at most once.
 */
public final class SolveInProgress {

    private final CompletableFuture<Solution> solution;
    private final FoundWidget widget;
    private final Function<Solution, InjectionResult> injector;
    private boolean injected;

    /**
     * @param widget the widget being solved
     * @param solution the solve under way
     * @param injector injects a solution into the widget's frame and tracks it (called on {@link #inject}'s thread)
     */
    public SolveInProgress(FoundWidget widget, CompletableFuture<Solution> solution,
            Function<Solution, InjectionResult> injector) {
        this.widget = Objects.requireNonNull(widget, "widget == null");
        this.solution = Objects.requireNonNull(solution, "solution == null");
        this.injector = Objects.requireNonNull(injector, "injector == null");
    }

    /** The widget being solved. */
    public FoundWidget widget() {
        return widget;
    }

    /** The solve: completes with the solution or a {@link SolveException}. Do not inject from its callbacks. */
    public CompletableFuture<Solution> solution() {
        return solution;
    }

    /**
     * Waits for the solution (bounded by the solver's deadline) and injects it into the widget's frame on
     * this thread; from then on the task is tracked as by {@code inject}.
     *
     * @throws SolveException when no provider solved it
     * @throws IllegalStateException when called a second time
     */
    public synchronized SolvedInjection inject() {
        return inject(null);
    }

    /**
     * {@link #inject()} waiting at most {@code timeout} for the solution.
     *
     * @throws SolveException when no provider solved it
     * @throws CompletionException with a {@link TimeoutException} cause when the solution is not there in
     *     time; the solve goes on and this may be called again
     */
    public synchronized SolvedInjection inject(Duration timeout) {
        if (injected) {
            throw new IllegalStateException("this solution was already injected");
        }
        Solution s;
        try {
            s = timeout == null ? solution.get() : solution.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (TimeoutException e) {
            throw new CompletionException("no solution within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(cause);
        }
        injected = true;
        return new SolvedInjection(s, injector.apply(s));
    }

    @Override
    public String toString() {
        return "SolveInProgress[" + widget.type() + ", done=" + solution.isDone() + "]";
    }
}
