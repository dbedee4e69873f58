package io.captchafeedback.playwright;

import com.microsoft.playwright.Page;
import io.captchafeedback.record.PageRecorder;
import io.captchafeedback.record.Recording;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * The recording mode for Playwright: records what the page does after the action that submits a token
 * (responses, URL changes, texts that appear or disappear, cookie names, widget resets), for
 * {@code captcha-feedback suggest}. The token passed in {@code secrets} is never written.
 *
 * <pre>{@code
 * Recording r = PlaywrightRecording.record(page, "login", List.of(task.token()), Duration.ofSeconds(1),
 *         Duration.ofSeconds(10), () -> page.click("#sign-in"));
 * RecordingFiles.write(Path.of("recordings/login-bad.json"), r.withLabel(Label.REJECTED_CAPTCHA));
 * }</pre>
 *
 * <p>Runs on the caller's thread (as the page's other calls), at most for the timeout plus one evaluation.
 */
public final class PlaywrightRecording {

    private PlaywrightRecording() {
    }

    /**
     * Records {@code page} around {@code action}, until nothing changed for {@code quiet} or {@code timeout}
     * passed.
     */
    public static Recording record(Page page, String flow, Collection<String> secrets, Duration quiet, Duration timeout,
            Runnable action) {
        Objects.requireNonNull(page, "page == null");
        return PageRecorder.record(expr -> (String) page.evaluate(expr), flow, secrets, quiet, timeout, action);
    }
}
