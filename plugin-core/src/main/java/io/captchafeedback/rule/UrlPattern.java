package io.captchafeedback.rule;

import io.captchafeedback.rule.internal.Patterns;
import java.util.Objects;

/**
 * A URL pattern: a glob ({@code *} stops at {@code /}, {@code **} does not, {@code ?} is one
 * character) or a Java regular expression found anywhere in the URL.
 *
 * <p>A glob must match the whole URL; when the URL has a query or fragment, the URL without them is tried
 * too, so {@code https://*.example/login} matches {@code https://shop.example/login?next=/}.
 *
 * <pre>{@code
 * UrlPattern.glob("https://shop.example/account*").matches("https://shop.example/account/orders"); // true
 * UrlPattern.regex("/checkout/(done|thanks)").matches("https://shop.example/checkout/done"); // true
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pattern the glob or regular expression
 * @param regex {@code true} for a regular expression, {@code false} for a glob
 */
public record UrlPattern(String pattern, boolean regex) {

    public UrlPattern {
        Objects.requireNonNull(pattern, "pattern == null");
        String problem = regex ? Patterns.regexProblem(pattern) : Patterns.globProblem(pattern);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A glob pattern. */
    public static UrlPattern glob(String glob) {
        return new UrlPattern(glob, false);
    }

    /** A regular expression, found anywhere in the URL. */
    public static UrlPattern regex(String regex) {
        return new UrlPattern(regex, true);
    }

    /** Whether the URL matches; {@code null} never matches. */
    public boolean matches(String url) {
        return url != null && Patterns.compiled(pattern, regex).test(url);
    }

    @Override
    public String toString() {
        return (regex ? "regex " : "glob ") + pattern;
    }
}
