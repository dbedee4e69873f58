package io.captchafeedback.selenium;

import io.captchafeedback.record.PageRecorder;
import io.captchafeedback.record.Recorder;
import io.captchafeedback.record.Recording;
import io.captchafeedback.spi.ObservedResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.bidi.BiDi;
import org.openqa.selenium.bidi.Event;
import org.openqa.selenium.bidi.HasBiDi;
import org.openqa.selenium.bidi.network.Header;
import org.openqa.selenium.bidi.network.ResponseDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording mode for Selenium: records what the page does after the action that submits a token
 * (responses, URL changes, texts that appear or disappear, cookie names, widget resets, dialogs), for
 * {@code captcha-feedback suggest}. The token passed in {@code secrets} is never written.
 *
 * <p>With WebDriver BiDi (capability {@code webSocketUrl}), responses (every redirect hop, the document's
 * real status, {@code Set-Cookie} headers so HttpOnly cookies by name and attributes), navigations and
 * dialogs ({@code browsingContext.userPromptOpened}, observed only: the session's unhandled-prompt
 * behaviour answers them) come from the browser's events, as the detection's do; the page is polled
 * only for its texts, script-set cookies, widget calls and the JSON bodies of its XHR/fetch answers
 * (BiDi gives no body). Without BiDi, everything is read from the page.
 *
 * <pre>{@code
 * Recording r = SeleniumRecording.record(driver, "login", List.of(task.token()), Duration.ofSeconds(1),
 *         Duration.ofSeconds(10), () -> driver.findElement(By.id("sign-in")).click());
 * RecordingFiles.write(Path.of("recordings/login-good.json"), r.withLabel(Label.ACCEPTED));
 * }</pre>
 *
 * <p>Runs on the caller's thread (the driver is not thread-safe), at most for the timeout.
 */
public final class SeleniumRecording {

    private static final Logger LOG = LoggerFactory.getLogger(SeleniumRecording.class);
    private static final Event<ResponseDetails> RESPONSE_COMPLETED =
            new Event<>("network.responseCompleted", ResponseDetails::fromJsonMap);
    private static final Event<Map<String, Object>> PROMPT_OPENED =
            new Event<>("browsingContext.userPromptOpened", m -> m);
    private static final Event<Map<String, Object>> LOADED = new Event<>("browsingContext.load", m -> m);

    private SeleniumRecording() {
    }

    /**
     * Records the page of {@code driver} around {@code action}, until nothing changed for {@code quiet} or
     * {@code timeout} passed.
     */
    public static Recording record(WebDriver driver, String flow, Collection<String> secrets, Duration quiet,
            Duration timeout, Runnable action) {
        Objects.requireNonNull(driver, "driver == null");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        BiDi bidi = driver instanceof HasBiDi h ? h.maybeGetBiDi().orElse(null) : null;
        Function<Recorder, PageRecorder.EngineFeed> feed = bidi == null ? null : rec -> new Feed(bidi, driver.getWindowHandle(), rec);
        return PageRecorder.record(expr -> (String) js.executeScript("return " + expr + ";"), flow, secrets, quiet,
                timeout, action, feed);
    }

    /** BiDi listeners of one recording (by their own ids: the session's listeners of the same events stay). */
    private static final class Feed implements PageRecorder.EngineFeed {
        private final BiDi bidi;
        private final List<String> ids = new ArrayList<>();

        Feed(BiDi bidi, String context, Recorder rec) {
            this.bidi = bidi;
            listen(RESPONSE_COMPLETED, r -> {
                if (context.equals(r.getBrowsingContextId())) {
                    record(rec, r);
                }
            });
            listen(PROMPT_OPENED, m -> {
                if (context.equals(m.get("context"))) {
                    rec.onDialog(String.valueOf(m.get("type")), m.get("message") == null ? "" : String.valueOf(m.get("message")));
                }
            });
            listen(LOADED, m -> {
                if (context.equals(m.get("context")) && m.get("url") instanceof String url) {
                    rec.onNavigation(url);
                }
            });
        }

        private <X> void listen(Event<X> event, Consumer<X> listener) {
            ids.add(bidi.addListener(event, x -> {
                try {
                    listener.accept(x);
                } catch (RuntimeException e) {
                    LOG.warn("could not record a {} event; ignored", event.getMethod(), e);
                }
            }));
        }

        private static void record(Recorder rec, ResponseDetails r) {
            String type = null;
            List<String> setCookies = new ArrayList<>();
            for (Header h : r.getResponseData().getHeaders()) {
                String name = h.getName().toLowerCase(Locale.ROOT);
                if (name.equals("content-type")) {
                    type = h.getValue().getValue();
                } else if (name.equals("set-cookie")) {
                    setCookies.add(h.getValue().getValue());
                }
            }
            rec.onResponse(ObservedResponse.of(r.getResponseData().getUrl(), r.getRequest().getMethod(),
                    r.getResponseData().getStatus(), type, null));
            setCookies.forEach(rec::onSetCookie);
        }

        @Override
        public void pump() {
            // every event is handed over in its listener: nothing waits there
        }

        @Override
        public void close() {
            for (String id : ids) {
                try {
                    bidi.removeListener(id);
                } catch (RuntimeException e) {
                    LOG.debug("could not remove a recording listener: {}", e.getMessage());
                }
            }
        }
    }
}
