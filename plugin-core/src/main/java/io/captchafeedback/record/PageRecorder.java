package io.captchafeedback.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.spi.ScriptResources;
import io.captchafeedback.spi.ObservedResponse;
import io.captchafeedback.rule.Widget;
import io.captchafeedback.spi.WidgetEvent;
import io.captchafeedback.spi.WidgetHooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-neutral recording loop: installs the in-page recorder (with the widget hooks) in the page,
 * runs the user's action (the submit), then reads what the page did every 50 ms until nothing changed
 * for the quiet time or the timeout passed. A document loaded meanwhile gets the recorder again and is
 * recorded with its HTTP status. Engines only say how to evaluate an expression:
 *
 * <pre>{@code
 * Recording r = PageRecorder.record(expr -> (String) page.evaluate(expr), "login", Set.of(token),
 *         Duration.ofSeconds(1), Duration.ofSeconds(10), () -> page.click("#sign-in"));
 * }</pre>
 *
 * <p>Runs on the caller's thread and blocks it at most for the timeout; not for event handlers.
 * Stateless; safe to use from several threads on different pages.
 */
public final class PageRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(PageRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 50;

    /** Evaluates a JavaScript expression in the page's top document and returns its string value. */
    @FunctionalInterface
    public interface Evaluator {
        /** The expression's value (a JSON text here); may throw while the page navigates. */
        String evaluate(String expression);
    }

    /**
     * What an engine observes itself and feeds the recorder with, as it feeds the detection: responses
     * (with redirect hops and {@code Set-Cookie} headers, so HttpOnly cookies too), navigations, dialogs.
     * {@link #pump()} runs on the recording thread between two reads of the page: the place for engine calls
     * that wait (reading a body); listeners only queue. {@link #close()} removes the listeners.
     */
    public interface EngineFeed extends AutoCloseable {
        /** Hands the recorder what was queued since the last call; may call the engine. */
        void pump();

        /** Stops listening; never throws. */
        @Override
        void close();
    }

    private PageRecorder() {
    }

    /** The expression that installs the recorder (once per document) and returns what it saw as JSON. */
    public static String expression() {
        return Holder.EXPRESSION;
    }

    private static final class Holder {
        static final String EXPRESSION = "(function(){" + WidgetHooks.script() + "\n;return "
                + ScriptResources.withoutLeadingComments(ScriptResources.load(PageRecorder.class, "/io/captchafeedback/js/record.js"))
                        .strip().replaceAll(";$", "")
                + ";})()";
    }

    /**
     * Records what the page does after {@code action}.
     *
     * @param page how to evaluate in the page
     * @param flow the flow's name
     * @param secrets values never written (the token)
     * @param quiet how long nothing must change before the recording ends
     * @param timeout the longest recording
     * @param action what submits the token (may be a no-op when the widget's callback submits)
     */
    public static Recording record(Evaluator page, String flow, Collection<String> secrets, Duration quiet, Duration timeout,
            Runnable action) {
        return record(page, flow, secrets, quiet, timeout, action, null);
    }

    /**
     * Records what the page does after {@code action}, fed by the engine's own events as well: {@code feed}
     * is started on the recorder before the action and closed at the end (then the in-page recorder is
     * still read for texts, script-set cookies, widget calls and in-page responses' JSON bodies).
     *
     * @param feed starts the engine's listeners on a recorder, or {@code null} when the engine has none
     */
    public static Recording record(Evaluator page, String flow, Collection<String> secrets, Duration quiet, Duration timeout,
            Runnable action, Function<Recorder, EngineFeed> feed) {
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(action, "action == null");
        Clock clock = Clock.systemUTC();
        JsonNode first;
        try {
            String json = page.evaluate(expression());
            first = json == null ? null : JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the recorder in the page: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (first == null || !first.hasNonNull("url")) {
            throw new IllegalStateException("could not start the recorder in the page: it answered " + first);
        }
        Recorder rec = Recorder.start(flow, first.get("url").asText(), secrets, clock);
        rec.onTexts(texts(first));
        EngineFeed engine = feed == null ? null : feed.apply(rec);
        try {
            action.run();
            poll(page, rec, engine, quiet, timeout);
            if (engine != null) {
                engine.pump();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
        return rec.finish();
    }

    private static void poll(Evaluator page, Recorder rec, EngineFeed engine, Duration quiet, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        long minEnd = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < end) {
            if (engine != null) {
                engine.pump();
            }
            JsonNode snap = read(page);
            if (snap != null) {
                feed(rec, snap, engine != null);
            }
            if (System.nanoTime() >= minEnd && rec.isQuiet(quiet)) {
                break;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private static JsonNode read(Evaluator page) {
        try {
            String json = page.evaluate(expression());
            return json == null ? null : JSON.readTree(json);
        } catch (Exception e) { // the page is navigating: read again on the next turn
            LOG.debug("could not read the page for the recording: {}", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return null;
        }
    }

    static void feed(Recorder rec, JsonNode snap, boolean engineSeesDocuments) {
        String url = snap.path("url").asText("");
        if (snap.path("fresh").asBoolean(false)) {
            rec.onNewDocument();
            if (!engineSeesDocuments && snap.path("status").asInt(0) > 0) {
                rec.onDocument(url, snap.path("status").asInt());
            }
        }
        rec.onNavigation(url);
        for (JsonNode r : snap.path("responses")) {
            rec.onResponse(ObservedResponse.of(r.path("url").asText(""), r.path("method").asText("GET"), r.path("status").asInt(0),
                    r.hasNonNull("ct") ? r.get("ct").asText() : null, r.hasNonNull("body") ? r.get("body").asText() : null));
        }
        feedWidgets(rec, snap.path("resets"), WidgetEvent.Kind.RESET);
        feedWidgets(rec, snap.path("renders"), WidgetEvent.Kind.RENDER);
        List<String> cookies = new ArrayList<>();
        snap.path("cookies").forEach(c -> cookies.add(c.asText()));
        rec.onCookies(cookies);
        rec.onTexts(texts(snap));
    }

    private static void feedWidgets(Recorder rec, JsonNode list, WidgetEvent.Kind kind) {
        for (JsonNode w : list) {
            Widget.fromId(w.asText()).ifPresent(widget -> rec.onWidgetEvent(new WidgetEvent(widget, kind, Instant.now())));
        }
    }

    private static List<Map.Entry<String, String>> texts(JsonNode snap) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (JsonNode pair : snap.path("texts")) {
            out.add(Map.entry(pair.path(0).asText(""), pair.path(1).asText("")));
        }
        return out;
    }
}
