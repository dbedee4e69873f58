package io.captchafeedback.webmagic;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One browser of a {@link CaptchaDownloader}'s pool, on one engine: the few things the downloader asks
 * of it. The engine packages implement it ({@code io.captchafeedback.webmagic.selenium},
 * {@code io.captchafeedback.webmagic.playwright}); a user only picks a {@link Factory}.
 *
 * <!-- java: given TokenSource tokens -->
 * <pre>{@code
 * import io.captchafeedback.webmagic.selenium.SeleniumBrowsers;
 *
 * CaptchaDownloader.builder(feedback, tokens).browsers(SeleniumBrowsers.of(ChromeDriver::new));
 * }</pre>
 *
 * <p>Not thread-safe: the pool lends a session to one spider thread at a time.
 */
public interface BrowserSession extends AutoCloseable {

    /** Loads {@code url} and waits for its load event, at most {@code timeout}. */
    void open(String url, Duration timeout);

    /** The top document's URL now. */
    String currentUrl();

    /** Runs {@code script} (a function expression taking one argument) in the top document; its string answer. */
    String evaluate(String script);

    /**
     * Runs {@code script} as {@link #evaluate} does in the top document and in every child frame's document
     * (frames of frames too, two levels deep at least); a frame that cannot run it (detached, navigating) is
     * left out.
     */
    List<FrameAnswer> evaluateInFrames(String script);

    /**
     * The HTTP status of the top document shown now, or 0 when the engine cannot tell (then the downloader
     * hands WebMagic 200).
     */
    int status();

    /**
     * What one document answered.
     *
     * @param framePath the frames the document is in, from the top page down (their names, else URLs); empty for the top document
     * @param answer the script's string answer
     */
    record FrameAnswer(List<String> framePath, String answer) {
        public FrameAnswer {
            framePath = List.copyOf(framePath);
        }
    }

    /** Injects the token (with captcha-feedback tracking the task) into the page or one of its frames. */
    void inject(SolvedTask task);

    /** Clicks the first element matching the CSS selector; false when there is none. */
    boolean click(String css);

    /** The verdict on the last injected task, waiting at most {@code timeout}. */
    Optional<TaskVerdict> awaitVerdict(Duration timeout);

    /** The page's HTML now. */
    String content();

    /** Detaches captcha-feedback (pending tasks get their verdict) and closes the browser. Never throws. */
    @Override
    void close();

    /**
     * Starts browsers for the pool.
     *
     * <p>Called from the spider's threads: implementations must be thread-safe.
     */
    @FunctionalInterface
    interface Factory {
        /**
         * Starts one browser.
         *
         * @param feedback the library to attach, or {@code null} for a plain browser (no detection, no feedback)
         */
        BrowserSession start(io.captchafeedback.CaptchaFeedback feedback);
    }
}
