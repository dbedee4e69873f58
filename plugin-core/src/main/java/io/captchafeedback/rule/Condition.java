package io.captchafeedback.rule;

import io.captchafeedback.rule.internal.Json;
import io.captchafeedback.rule.internal.Patterns;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a rule waits for. Page conditions ({@link ElementPresent}, {@link ElementVisible},
 * {@link TextContains}, {@link TextMatches}, {@link WidgetShown}, {@link Script}) are checked by the
 * compiled in-page probe; URL and cookie conditions use what the probe reports; {@link Response} and
 * {@link WidgetReset} use what the integration feeds in. Combine with {@link AllOf}, {@link AnyOf} and
 * {@link Not}.
 *
 * <pre>{@code
 * Condition refused = Condition.anyOf(
 *         Condition.response(UrlPattern.glob("https://*.shop.example/login"), 403),
 *         Condition.widgetReset());
 * }</pre>
 *
 * <p>All implementations are immutable, validated records and thread-safe.
 */
public sealed interface Condition {

    /** The current URL matches the pattern. */
    record UrlMatches(UrlPattern pattern) implements Condition {
        public UrlMatches {
            Objects.requireNonNull(pattern, "pattern == null");
        }
    }

    /** The current URL differs from the URL the detection started on. */
    record UrlChanged() implements Condition {
    }

    /** An element matching the CSS selector is in the document. */
    record ElementPresent(String css) implements Condition {
        public ElementPresent {
            css = Patterns.requireCss(css);
        }
    }

    /** An element matching the CSS selector is in the document and visible. */
    record ElementVisible(String css) implements Condition {
        public ElementVisible {
            css = Patterns.requireCss(css);
        }
    }

    /**
     * The rendered text of the page (or of any element matching {@code css}) contains {@code text},
     * ignoring case.
     *
     * @param text the text to look for, not empty
     * @param css where to look, or {@code null} for the whole page
     */
    record TextContains(String text, String css) implements Condition {
        public TextContains {
            Objects.requireNonNull(text, "text == null");
            if (text.isBlank()) {
                throw new IllegalArgumentException("the text to look for is empty");
            }
            if (css != null) {
                css = Patterns.requireCss(css);
            }
        }
    }

    /**
     * The rendered text of the page (or of an element matching {@code css}) matches a regular
     * expression (run by the browser's engine; a leading {@code (?i)} means ignore case).
     */
    record TextMatches(String regex, String css) implements Condition {
        public TextMatches {
            Objects.requireNonNull(regex, "regex == null");
            Patterns.requireRegex(regex);
            if (css != null) {
                css = Patterns.requireCss(css);
            }
        }
    }

    /**
     * An HTTP response was observed whose URL matches, and whose method, status, JSON value and body
     * match where given.
     *
     * @param url the response URL pattern
     * @param method the request method ({@code POST}), or {@code null} for any
     * @param statuses the statuses that match; empty for any
     * @param jsonPointer a JSON pointer ({@code /success}) into the body, or {@code null}
     * @param jsonValue the JSON literal expected there ({@code false}, {@code "timeout-or-duplicate"}),
     *     or {@code null} when any value present matches
     * @param bodyPattern a regular expression found in the body, or {@code null}
     */
    record Response(UrlPattern url, String method, Set<Integer> statuses, String jsonPointer, String jsonValue,
            String bodyPattern, boolean jsonNotNull) implements Condition {

        /** A condition whose JSON pointer (if any) only needs to exist: a JSON {@code null} there counts. */
        public Response(UrlPattern url, String method, Set<Integer> statuses, String jsonPointer, String jsonValue,
                String bodyPattern) {
            this(url, method, statuses, jsonPointer, jsonValue, bodyPattern, false);
        }

        public Response {
            Objects.requireNonNull(url, "url == null");
            method = method == null ? null : method.toUpperCase(Locale.ROOT);
            statuses = Set.copyOf(new TreeSet<>(Objects.requireNonNull(statuses, "statuses == null")));
            for (int s : statuses) {
                if (s < 100 || s > 599) {
                    throw new IllegalArgumentException("an HTTP status is from 100 to 599, got " + s);
                }
            }
            if (jsonPointer != null) {
                String problem = Json.pointerProblem(jsonPointer);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            } else if (jsonValue != null) {
                throw new IllegalArgumentException("a JSON value needs a JSON pointer");
            }
            if (jsonValue != null) {
                String problem = Json.literalProblem(jsonValue);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            if (bodyPattern != null) {
                Patterns.requireRegex(bodyPattern);
            }
            if (jsonNotNull && jsonPointer == null) {
                throw new IllegalArgumentException("notNull needs a JSON pointer");
            }
            if (jsonNotNull && jsonValue != null) {
                throw new IllegalArgumentException("notNull and equals cannot be combined: equals already says which value");
            }
        }

        /** This condition restricted to a request method. */
        public Response method(String method) {
            return new Response(url, Objects.requireNonNull(method, "method == null"), statuses, jsonPointer,
                    jsonValue, bodyPattern, jsonNotNull);
        }

        /**
         * This condition also requiring the JSON body to hold {@code expected} (a String, Number,
         * Boolean, or {@code null} for JSON null) at the pointer.
         */
        public Response json(String pointer, Object expected) {
            return new Response(url, method, statuses, Objects.requireNonNull(pointer, "pointer == null"),
                    Json.literal(expected), bodyPattern, false);
        }

        /** This condition also requiring the JSON body to have some value at the pointer; JSON {@code null} counts. */
        public Response jsonPresent(String pointer) {
            return new Response(url, method, statuses, Objects.requireNonNull(pointer, "pointer == null"), null,
                    bodyPattern, false);
        }

        /** This condition also requiring the JSON body to have a value other than JSON {@code null} at the pointer. */
        public Response jsonNotNull(String pointer) {
            return new Response(url, method, statuses, Objects.requireNonNull(pointer, "pointer == null"), null,
                    bodyPattern, true);
        }

        /** This condition also requiring the body to contain a match of the regular expression. */
        public Response body(String regex) {
            return new Response(url, method, statuses, jsonPointer, jsonValue,
                    Objects.requireNonNull(regex, "regex == null"), jsonNotNull);
        }

        /** Whether matching needs the response body. */
        public boolean needsBody() {
            return jsonPointer != null || bodyPattern != null;
        }
    }

    /** A cookie with this name is set (as seen by the page, or as fed in by the integration). */
    record CookiePresent(String name) implements Condition {
        public CookiePresent {
            Objects.requireNonNull(name, "name == null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("the cookie name is empty");
            }
        }
    }

    /** The page called {@code reset} on one of these widgets after the detection started (none given: any). */
    record WidgetReset(Set<Widget> widgets) implements Condition {
        public WidgetReset {
            Objects.requireNonNull(widgets, "widgets == null");
            widgets = widgets.isEmpty() ? Set.copyOf(EnumSet.allOf(Widget.class)) : Set.copyOf(widgets);
        }
    }

    /**
     * The captcha was shown again: a challenge frame is visible, or the page rendered a widget after the
     * detection started.
     */
    record WidgetShown() implements Condition {
    }

    /**
     * A JavaScript expression, run in the page, is truthy. Needs an explicit opt-in in the rule set
     * ({@code allowScripts}).
     */
    record Script(String expression) implements Condition {
        public Script {
            Objects.requireNonNull(expression, "expression == null");
            if (expression.isBlank()) {
                throw new IllegalArgumentException("the script expression is empty");
            }
        }
    }

    /**
     * A page condition ({@link ElementPresent}, {@link ElementVisible}, {@link TextContains},
     * {@link TextMatches}, possibly {@link InFrame}) that holds now and did not hold when the token was
     * injected: it did not hold in the baseline probe (the first probe of the detection, taken before or
     * right at injection), or stopped holding since, or holds in a document loaded after the baseline. An
     * error text left on the page by a previous attempt does not count until it is shown again.
     */
    record Appeared(Condition condition) implements Condition {
        public Appeared {
            Objects.requireNonNull(condition, "condition == null");
            if (!isPageCheck(condition)) {
                throw new IllegalArgumentException("appeared applies to element and text conditions, not to "
                        + condition.getClass().getSimpleName());
            }
        }
    }

    /**
     * A page condition ({@link ElementPresent}, {@link ElementVisible}, {@link TextContains},
     * {@link TextMatches}) checked inside the document of the first frame matching {@code frame} (a CSS
     * selector of an {@code iframe} or {@code frame} element of the probed document) instead of the probed
     * document itself. A frame whose document cannot be read (another origin, not loaded) does not match,
     * and the evidence says why.
     */
    record InFrame(String frame, Condition condition) implements Condition {
        public InFrame {
            frame = Patterns.requireCss(frame);
            Objects.requireNonNull(condition, "condition == null");
            if (!(condition instanceof ElementPresent || condition instanceof ElementVisible
                    || condition instanceof TextContains || condition instanceof TextMatches)) {
                throw new IllegalArgumentException("a frame scope applies to element and text conditions, not to "
                        + condition.getClass().getSimpleName());
            }
        }
    }

    /**
     * A page condition ({@link ElementPresent}, {@link ElementVisible}, {@link TextContains},
     * {@link TextMatches}) that counts only in the top document (the main frame): probes that the
     * integration runs in frames' documents are ignored for it.
     */
    record InTop(Condition condition) implements Condition {
        public InTop {
            Objects.requireNonNull(condition, "condition == null");
            if (!(condition instanceof ElementPresent || condition instanceof ElementVisible
                    || condition instanceof TextContains || condition instanceof TextMatches)) {
                throw new IllegalArgumentException("the top-document scope applies to element and text conditions, not to "
                        + condition.getClass().getSimpleName());
            }
        }
    }

    private static boolean isPageCheck(Condition c) {
        return c instanceof ElementPresent || c instanceof ElementVisible || c instanceof TextContains
                || c instanceof TextMatches || c instanceof InFrame || c instanceof InTop;
    }

    /** Every condition holds. */
    record AllOf(List<Condition> conditions) implements Condition {
        public AllOf {
            conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions == null"));
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("allOf needs at least one condition");
            }
        }
    }

    /** At least one condition holds (the first that holds gives the evidence). */
    record AnyOf(List<Condition> conditions) implements Condition {
        public AnyOf {
            conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions == null"));
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("anyOf needs at least one condition");
            }
        }
    }

    /** The condition does not hold (and is known: before the first probe, a page condition is unknown). */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition == null");
        }
    }

    // ---- factories ----

    /** The URL matches a glob. */
    static Condition urlGlob(String glob) {
        return new UrlMatches(UrlPattern.glob(glob));
    }

    /** The URL contains a match of a regular expression. */
    static Condition urlRegex(String regex) {
        return new UrlMatches(UrlPattern.regex(regex));
    }

    /** The URL changed since the start. */
    static Condition urlChanged() {
        return new UrlChanged();
    }

    /** An element matching the selector exists. */
    static Condition present(String css) {
        return new ElementPresent(css);
    }

    /** An element matching the selector is visible. */
    static Condition visible(String css) {
        return new ElementVisible(css);
    }

    /** The page text contains the text (ignoring case). */
    static Condition textContains(String text) {
        return new TextContains(text, null);
    }

    /** The text of an element matching the selector contains the text (ignoring case). */
    static Condition textContains(String text, String css) {
        return new TextContains(text, Objects.requireNonNull(css, "css == null"));
    }

    /** The page text matches the regular expression. */
    static Condition textMatches(String regex) {
        return new TextMatches(regex, null);
    }

    /** The text of an element matching the selector matches the regular expression. */
    static Condition textMatches(String regex, String css) {
        return new TextMatches(regex, Objects.requireNonNull(css, "css == null"));
    }

    /** A response from a matching URL with one of the statuses (none: any status). */
    static Response response(UrlPattern url, int... statuses) {
        TreeSet<Integer> set = new TreeSet<>();
        Arrays.stream(statuses).forEach(set::add);
        return new Response(url, null, set, null, null, null);
    }

    /** A response from a URL matching the glob with one of the statuses (none: any status). */
    static Response response(String urlGlob, int... statuses) {
        return response(UrlPattern.glob(urlGlob), statuses);
    }

    /** A cookie with this name is set. */
    static Condition cookie(String name) {
        return new CookiePresent(name);
    }

    /** The page reset one of these widgets (none given: any widget). */
    static Condition widgetReset(Widget... widgets) {
        return new WidgetReset(widgets.length == 0 ? EnumSet.allOf(Widget.class) : EnumSet.copyOf(Arrays.asList(widgets)));
    }

    /** The captcha was shown again. */
    static Condition widgetShown() {
        return new WidgetShown();
    }

    /** A JavaScript expression is truthy (needs {@code allowScripts}). */
    static Condition script(String expression) {
        return new Script(expression);
    }

    /** All conditions hold. */
    static Condition allOf(Condition... conditions) {
        return new AllOf(List.of(conditions));
    }

    /** Any condition holds. */
    static Condition anyOf(Condition... conditions) {
        return new AnyOf(List.of(conditions));
    }

    /** The condition does not hold. */
    static Condition not(Condition condition) {
        return new Not(condition);
    }

    /** The element or text condition holds now and did not hold at injection. */
    static Condition appeared(Condition condition) {
        return new Appeared(condition);
    }

    /** The element or text condition, counted in the top document only. */
    static Condition inTop(Condition condition) {
        return new InTop(condition);
    }

    /** The element or text condition, checked inside the frame matching the selector. */
    static Condition inFrame(String frame, Condition condition) {
        return new InFrame(frame, condition);
    }
}
