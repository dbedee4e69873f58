package io.captchafeedback.record;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing the page did after the injection, at {@code atMs} milliseconds after the recording started.
 * No token, key or cookie value is ever held here: the {@link Recorder} redacts before creating events.
 *
 * <p>Immutable; safe to share between threads.
 */
public sealed interface RecordedEvent {

    /** Milliseconds after the recording started. */
    long atMs();

    /** A one-line description for tables and evidence. */
    String describe();

    /** The page's URL changed (navigation or pushState); the query string is not kept. */
    record UrlChanged(String url, long atMs) implements RecordedEvent {
        public UrlChanged {
            Objects.requireNonNull(url, "url == null");
        }

        @Override
        public String describe() {
            return "url " + url;
        }
    }

    /**
     * An HTTP response ({@code method} is null for a document load seen from inside the page); {@code fields} maps JSON pointers of small scalar fields of a JSON body to their
     * JSON literal ({@code /success -> false}).
     */
    record Response(String method, String url, int status, String contentType, Map<String, String> fields, long atMs)
            implements RecordedEvent {
        public Response {
            Objects.requireNonNull(url, "url == null");
            fields = fields == null ? Map.of() : Map.copyOf(new TreeMap<>(fields));
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder("response ").append(method == null ? "" : method + " ").append(url).append(' ').append(status);
            new TreeMap<>(fields).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            return b.toString();
        }
    }

    /** The trimmed text of a visible element appeared ({@code appeared}) or disappeared. */
    record Text(String selector, String text, boolean appeared, long atMs) implements RecordedEvent {
        public Text {
            Objects.requireNonNull(selector, "selector == null");
            Objects.requireNonNull(text, "text == null");
        }

        @Override
        public String describe() {
            return (appeared ? "text appeared in " : "text disappeared from ") + selector + " \"" + text + "\"";
        }
    }

    /**
     * A cookie was set; only its name is kept, with the attributes of its {@code Set-Cookie} header
     * ({@code HttpOnly; Path=/; SameSite=Lax}) when it came from one, else {@code null} (set by a script).
     */
    record CookieSet(String name, String attributes, long atMs) implements RecordedEvent {
        public CookieSet {
            Objects.requireNonNull(name, "name == null");
        }

        /** A cookie seen without its attributes (set by a script). */
        public CookieSet(String name, long atMs) {
            this(name, null, atMs);
        }

        @Override
        public String describe() {
            return "cookie " + name + (attributes == null || attributes.isEmpty() ? "" : " (" + attributes + ")");
        }
    }

    /**
     * The page opened a dialog: {@code type} is {@code alert}, {@code confirm}, {@code prompt} or
     * {@code beforeunload}; {@code message} its text (trimmed, redacted).
     */
    record Dialog(String type, String message, long atMs) implements RecordedEvent {
        public Dialog {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(message, "message == null");
        }

        @Override
        public String describe() {
            return "dialog " + type + " \"" + message + "\"";
        }
    }

    /** The page reset or re-rendered a captcha widget ({@code widget} is recaptcha, hcaptcha, ...). */
    record Widget(String widget, String kind, long atMs) implements RecordedEvent {
        public Widget {
            Objects.requireNonNull(widget, "widget == null");
            Objects.requireNonNull(kind, "kind == null");
        }

        @Override
        public String describe() {
            return "widget " + widget + "." + kind;
        }
    }
}
