package io.captchafeedback.playwright;

import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import io.captchafeedback.record.PageRecorder;
import io.captchafeedback.record.Recorder;
import io.captchafeedback.record.Recording;
import io.captchafeedback.spi.ObservedResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording mode for Playwright: records what the page does after the action that submits a token
 * (responses, URL changes, texts that appear or disappear, cookie names, widget resets, dialogs), for
 * {@code captcha-feedback suggest}. The token passed in {@code secrets} is never written.
 *
 * <p>Responses (every redirect hop, the document's real status, {@code Set-Cookie} headers so HttpOnly
 * cookies by name and attributes), navigations and dialogs come from the page's Playwright events, as
 * the detection's do; the page is polled only for its texts, script-set cookies and widget calls. A
 * dialog is only observed: if no other handler of the page answered it, it is dismissed as Playwright
 * does when a page has no dialog handler (a {@code beforeunload} one accepted); handlers the user added
 * before the recording run first.
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

    private static final Logger LOG = LoggerFactory.getLogger(PlaywrightRecording.class);

    private PlaywrightRecording() {
    }

    /**
     * Records {@code page} around {@code action}, until nothing changed for {@code quiet} or {@code timeout}
     * passed.
     */
    public static Recording record(Page page, String flow, Collection<String> secrets, Duration quiet, Duration timeout,
            Runnable action) {
        Objects.requireNonNull(page, "page == null");
        return PageRecorder.record(expr -> (String) page.evaluate(expr), flow, secrets, quiet, timeout, action,
                rec -> new Feed(page, rec));
    }

    /** The page's events, queued by the listeners and handed to the recorder on the recording thread. */
    private static final class Feed implements PageRecorder.EngineFeed {
        private final Page page;
        private final Recorder rec;
        private final Queue<Response> responses = new ConcurrentLinkedQueue<>();
        private final Consumer<Response> onResponse = responses::add;
        private final Consumer<Dialog> onDialog;
        private final Consumer<Frame> onNavigated;

        Feed(Page page, Recorder rec) {
            this.page = page;
            this.rec = rec;
            // answered in the handler, as Playwright's documented handlers do: the page (and any evaluation
            // of the recording) is stuck while a dialog is open
            this.onDialog = d -> {
                rec.onDialog(d.type(), d.message());
                answerAsDefault(d);
            };
            this.onNavigated = f -> {
                if (f == page.mainFrame()) {
                    rec.onNavigation(f.url());
                }
            };
            page.onResponse(onResponse);
            page.onDialog(onDialog);
            page.onFrameNavigated(onNavigated);
        }

        @Override
        public void pump() {
            for (Response r = responses.poll(); r != null; r = responses.poll()) {
                try {
                    record(r);
                } catch (PlaywrightException e) {
                    LOG.debug("could not read a response for the recording: {}", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                }
            }
        }

        private void record(Response r) {
            String type = r.headers().get("content-type");
            String body = null;
            int status = r.status();
            boolean redirect = status >= 300 && status < 400;
            if (!redirect && type != null && type.toLowerCase(Locale.ROOT).contains("json") && !page.isClosed()) {
                body = r.text();
            }
            rec.onResponse(ObservedResponse.of(r.url(), r.request().method(), status, type, body));
            String setCookie = r.headerValue("set-cookie"); // the raw headers: HttpOnly cookies too
            if (setCookie != null) {
                rec.onSetCookie(setCookie);
            }
        }

        /** What Playwright does to a dialog no handler answers; an error means another handler answered. */
        private static void answerAsDefault(Dialog d) {
            try {
                if ("beforeunload".equals(d.type())) {
                    d.accept();
                } else {
                    d.dismiss();
                }
            } catch (PlaywrightException e) {
                LOG.debug("dialog already answered by another handler: {}", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }

        @Override
        public void close() {
            page.offResponse(onResponse);
            page.offDialog(onDialog);
            page.offFrameNavigated(onNavigated);
        }
    }
}
