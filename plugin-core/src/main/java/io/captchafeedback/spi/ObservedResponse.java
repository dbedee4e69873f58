package io.captchafeedback.spi;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP response the integration saw while a {@link Detection} ran (a form POST, an XHR or fetch).
 * The body is only needed when {@link CompiledRuleSet#needsBody(String)} says so; it is capped at
 * {@link #MAX_BODY} characters.
 *
 * <!-- java: given Detection detection -->
 * <pre>{@code
 * detection.onResponse(ObservedResponse.of("https://shop.example/login", "POST", 403));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the response URL
 * @param method the request method, upper case
 * @param status the HTTP status
 * @param contentType the content type, or {@code null}
 * @param body the body (capped), or {@code null} when not fetched
 * @param at when the response was seen
 */
public record ObservedResponse(String url, String method, int status, String contentType, String body, Instant at) {

    /** The longest body kept, in characters. */
    public static final int MAX_BODY = 64 * 1024;

    public ObservedResponse {
        Objects.requireNonNull(url, "url == null");
        method = Objects.requireNonNull(method, "method == null").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(at, "at == null");
        if (body != null && body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY);
        }
    }

    /** A response without body, seen now. */
    public static ObservedResponse of(String url, String method, int status) {
        return new ObservedResponse(url, method, status, null, null, Instant.now());
    }

    /** A response with a body, seen now. */
    public static ObservedResponse of(String url, String method, int status, String contentType, String body) {
        return new ObservedResponse(url, method, status, contentType, body, Instant.now());
    }

    /** {@code POST https://shop.example/login 403}: how the response appears in evidence. */
    public String summary() {
        return method + " " + url + " " + status;
    }
}
