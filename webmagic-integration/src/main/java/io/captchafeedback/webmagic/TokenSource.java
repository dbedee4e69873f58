package io.captchafeedback.webmagic;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.solve.FoundWidget;

/**
 * Where the downloader gets a token for a captcha it found on a page: plug your solving client in here.
 * {@link SolverTokenSource} buys it from the configured providers through the library's {@code solve}
 * package.
 *
 * <!-- java: not compiled (myClient stands for your own solving client) -->
 * <pre>{@code
 * TokenSource tokens = widget -> myClient.solve(widget.taskType(), widget.pageUrl(), widget.siteKey());
 * }</pre>
 *
 * <p>The returned task must name the provider id and task id the feedback goes to. Called from the
 * spider's threads at the same time: implementations must be thread-safe.
 */
@FunctionalInterface
public interface TokenSource {

    /**
     * Solves the widget found on a page; blocks until the token is there.
     *
     * @throws Exception when no token could be had (the page then carries the error, see {@link PageVerdict})
     */
    SolvedTask solve(FoundWidget widget) throws Exception;
}
