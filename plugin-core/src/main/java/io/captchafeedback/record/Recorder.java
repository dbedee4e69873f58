package io.captchafeedback.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.spi.ObservedResponse;
import io.captchafeedback.spi.WidgetEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Collects what the page of one tracked task does after the injection, fed by an integration from the
 * same places it feeds the detection. Redacts as it goes: the token (and any other secret given) is
 * replaced wherever it appears, long query values are dropped, cookies keep only their name (and their Set-Cookie attributes), and JSON fields
 * whose name looks secret ({@code token}, {@code key}, {@code secret}, {@code password}, {@code session},
 * {@code auth}) or whose value is long are not kept.
 *
 * <!-- java: given ObservedResponse response; Path file -->
 * <pre>{@code
 * import io.captchafeedback.spi.ObservedResponse;
 * import java.time.Clock;
 *
 * Recorder rec = Recorder.start("login", pageUrl, Set.of(token), Clock.systemUTC());
 * rec.onResponse(response); rec.onTexts(Map.of(".msg", "Welcome"));
 * if (rec.isQuiet(Duration.ofSeconds(1))) { RecordingFiles.write(file, rec.finish()); }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread; none blocks.
 */
public final class Recorder {

    /** Longest JSON string value kept (tokens are longer). */
    static final int MAX_FIELD = 64;
    /** Most JSON fields kept per response. */
    static final int MAX_FIELDS = 30;
    /** Longest text kept per element. */
    static final int MAX_TEXT = 160;
    static final String REDACTED = "<redacted>";
    /** Two reports of the same method, URL and status this close are one response seen twice. */
    static final long SAME_RESPONSE_MS = 1500;
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(token|key|secret|passw|session|auth|sid|cookie|credential).*");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String flow;
    private final String startUrl;
    private final Set<String> secrets;
    private final Clock clock;
    private final Instant started;
    private final List<RecordedEvent> events = new ArrayList<>();
    private final Set<String> cookies = new HashSet<>();
    private final Set<String> cookieAttributes = new HashSet<>();
    private Set<Map.Entry<String, String>> texts;
    private String currentUrl;
    private Instant lastChange;

    private Recorder(String flow, String startUrl, Collection<String> secrets, Clock clock) {
        this.flow = Objects.requireNonNull(flow, "flow == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.secrets = new HashSet<>();
        for (String s : secrets) {
            if (s != null && s.length() >= 4) {
                this.secrets.add(s);
            }
        }
        this.started = clock.instant();
        this.lastChange = started;
        this.startUrl = clean(Objects.requireNonNull(startUrl, "startUrl == null"));
        this.currentUrl = this.startUrl;
    }

    /** Starts recording for a page at {@code startUrl}; {@code secrets} (the token) are never written. */
    public static Recorder start(String flow, String startUrl, Collection<String> secrets, Clock clock) {
        return new Recorder(flow, startUrl, secrets, clock);
    }

    /** A navigation or pushState of the page. */
    public synchronized void onNavigation(String url) {
        if (url == null || url.startsWith("about:")) {
            return;
        }
        String clean = clean(url);
        if (!clean.equals(currentUrl)) {
            currentUrl = clean;
            add(new RecordedEvent.UrlChanged(clean, now()));
        }
    }

    /** An HTTP response; small scalar fields of a JSON body are kept. */
    public synchronized void onResponse(ObservedResponse response) {
        Objects.requireNonNull(response, "response == null");
        Map<String, String> fields = new TreeMap<>();
        String type = response.contentType() == null ? "" : response.contentType();
        if (response.body() != null && (type.toLowerCase(Locale.ROOT).contains("json") || looksJson(response.body()))) {
            try {
                collect(MAPPER.readTree(response.body()), "", 0, fields);
            } catch (Exception e) {
                // not JSON after all: no fields
            }
        }
        RecordedEvent.Response event = new RecordedEvent.Response(response.method(), clean(response.url()), response.status(),
                type.isEmpty() ? null : redact(type), fields, now());
        // the engine's network events and the in-page wrappers may both report one response: kept once,
        // with the JSON fields of whichever read the body
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof RecordedEvent.Response old && sameResponse(old, event)) {
                if (old.fields().isEmpty() && !fields.isEmpty()) {
                    events.set(i, new RecordedEvent.Response(old.method(), old.url(), old.status(),
                            old.contentType() == null ? event.contentType() : old.contentType(), fields, old.atMs()));
                }
                return;
            }
        }
        add(event);
    }

    private static boolean sameResponse(RecordedEvent.Response a, RecordedEvent.Response b) {
        return a.url().equals(b.url()) && a.status() == b.status() && b.atMs() - a.atMs() <= SAME_RESPONSE_MS
                && (a.method() == null || b.method() == null || a.method().equalsIgnoreCase(b.method()));
    }

    /**
     * A document loaded with this HTTP status (its method is not known from inside the page, so none is
     * recorded and suggested rules do not name one).
     */
    public synchronized void onDocument(String url, int status) {
        add(new RecordedEvent.Response(null, clean(url), status, "document", Map.of(), now()));
    }

    /**
     * A {@code Set-Cookie} header line of a response: the cookie's name and attributes are kept (HttpOnly
     * cookies too, which no script sees), never its value.
     */
    public synchronized void onSetCookie(String header) {
        if (header == null) {
            return;
        }
        for (String line : header.split("\n")) { // Playwright joins several Set-Cookie headers with new lines
            String[] parts = line.split(";");
            int eq = parts[0].indexOf('=');
            String name = (eq < 0 ? parts[0] : parts[0].substring(0, eq)).strip();
            if (name.isEmpty()) {
                continue;
            }
            List<String> attributes = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                String a = parts[i].strip();
                if (!a.isEmpty()) {
                    attributes.add(redact(a.length() > MAX_FIELD ? a.substring(0, MAX_FIELD) : a));
                }
            }
            String attrs = String.join("; ", attributes);
            if (cookies.add(name) || (!attrs.isEmpty() && cookieAttributes.add(name))) {
                events.removeIf(e -> e instanceof RecordedEvent.CookieSet c && c.name().equals(redact(name)) && c.attributes() == null);
                add(new RecordedEvent.CookieSet(redact(name), attrs, now()));
            }
        }
    }

    /**
     * A dialog the page opened ({@code alert}, {@code confirm}, {@code prompt}, {@code beforeunload}) and its
     * message; recorded only, never answered here.
     */
    public synchronized void onDialog(String type, String message) {
        String m = message == null ? "" : message.strip().replaceAll("\\s+", " ");
        add(new RecordedEvent.Dialog(type == null ? "alert" : type.toLowerCase(Locale.ROOT),
                redact(m.length() > MAX_TEXT ? m.substring(0, MAX_TEXT) : m), now()));
    }

    /** Cookie names now set; values are never passed here. */
    public synchronized void onCookies(Collection<String> names) {
        for (String n : names) {
            if (n != null && cookies.add(n)) {
                add(new RecordedEvent.CookieSet(redact(n), now()));
            }
        }
    }

    /** A widget reset or render pushed by the hooks. */
    public synchronized void onWidgetEvent(WidgetEvent event) {
        add(new RecordedEvent.Widget(event.widget().name().toLowerCase(Locale.ROOT),
                event.kind().name().toLowerCase(Locale.ROOT), now()));
    }

    /**
     * The trimmed texts of the visible elements now on the page, by selector. The first call is the
     * baseline (nothing recorded); later calls record texts that appeared or disappeared.
     */
    public void onTexts(Map<String, String> bySelector) {
        onTexts(List.copyOf(bySelector.entrySet()));
    }

    /**
     * The trimmed texts of the visible elements now on the page as (selector, text) pairs; several
     * elements may share a selector. The first call is the baseline (nothing recorded); later calls record
     * the pairs that appeared or disappeared.
     */
    public synchronized void onTexts(List<Map.Entry<String, String>> pairs) {
        Set<Map.Entry<String, String>> now = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : pairs) {
            String t = e.getValue() == null ? "" : e.getValue().strip().replaceAll("\\s+", " ");
            if (!t.isEmpty()) {
                now.add(Map.entry(e.getKey(), redact(t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t)));
            }
        }
        if (texts != null) {
            long at = now();
            for (Map.Entry<String, String> old : texts) {
                if (!now.contains(old)) {
                    add(new RecordedEvent.Text(old.getKey(), old.getValue(), false, at));
                }
            }
            for (Map.Entry<String, String> e : now) {
                if (!texts.contains(e)) {
                    add(new RecordedEvent.Text(e.getKey(), e.getValue(), true, at));
                }
            }
        }
        texts = now;
    }

    /**
     * A new document replaced the page: every text of it counts as appeared at the next
     * {@link #onTexts} (as the rules' {@code appeared: true} counts a text in a document loaded after the
     * injection as new).
     */
    public synchronized void onNewDocument() {
        if (texts != null) {
            long at = now();
            for (Map.Entry<String, String> old : texts) {
                add(new RecordedEvent.Text(old.getKey(), old.getValue(), false, at));
            }
            texts = new LinkedHashSet<>();
        }
    }

    /** Whether nothing was recorded for {@code quiet}. */
    public synchronized boolean isQuiet(Duration quiet) {
        return !clock.instant().isBefore(lastChange.plus(quiet));
    }

    /** The recording so far (unlabelled). */
    public synchronized Recording finish() {
        return new Recording(flow, Label.UNLABELLED, startUrl, now(), events);
    }

    private void add(RecordedEvent e) {
        events.add(e);
        lastChange = clock.instant();
    }

    private long now() {
        return Duration.between(started, clock.instant()).toMillis();
    }

    private void collect(JsonNode node, String pointer, int depth, Map<String, String> out) {
        if (out.size() >= MAX_FIELDS || depth > 4) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!SECRET_NAME.matcher(e.getKey()).matches()) {
                    collect(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), depth + 1, out);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < Math.min(node.size(), 3); i++) {
                collect(node.get(i), pointer + "/" + i, depth + 1, out);
            }
        } else if (!pointer.isEmpty()) {
            if (node.isTextual() && (node.textValue().length() > MAX_FIELD || containsSecret(node.textValue()))) {
                return;
            }
            out.put(pointer, node.toString());
        }
    }

    private static boolean looksJson(String body) {
        String b = body.stripLeading();
        return b.startsWith("{") || b.startsWith("[");
    }

    private boolean containsSecret(String text) {
        for (String s : secrets) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private String redact(String text) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, REDACTED);
        }
        return out;
    }

    /**
     * The URL without fragment, with any secret replaced; query values longer than 32 characters (or
     * holding a secret) become {@code <redacted>}.
     */
    private String clean(String url) {
        int hash = url.indexOf('#');
        String u = hash >= 0 ? url.substring(0, hash) : url;
        int q = u.indexOf('?');
        if (q < 0) {
            return redact(u);
        }
        StringBuilder b = new StringBuilder(redact(u.substring(0, q)));
        char sep = '?';
        for (String part : u.substring(q + 1).split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? null : part.substring(eq + 1);
            b.append(sep).append(redact(name));
            if (value != null) {
                b.append('=').append(value.length() > 32 || containsSecret(value) || SECRET_NAME.matcher(name).matches()
                        ? REDACTED : value);
            }
            sep = '&';
        }
        return b.toString();
    }

    /** The path of a URL, or the URL itself when it has none. */
    static String pathOf(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        try {
            String path = URI.create(url.substring(0, cut)).getRawPath();
            return path == null || path.isEmpty() ? url : path;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    @Override
    public synchronized String toString() {
        return "Recorder[" + flow + ", " + events.size() + " events]";
    }
}
