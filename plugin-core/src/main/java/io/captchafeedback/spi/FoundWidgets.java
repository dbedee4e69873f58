package io.captchafeedback.spi;


import io.captchafeedback.solve.FoundWidget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.task.CaptchaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-page finder ({@code io/captchafeedback/js/find.js}) and the reading of what it returns: the
 * engines run {@link #script()} in a document (every frame), hand the returned JSON string to
 * {@link #parse} and get {@link FoundWidget}s.
 *
 * <!-- java: given String topPageUrl -->
 * <pre>{@code
 * String json = (String) ((JavascriptExecutor) driver).executeScript(
 *         "return (" + FoundWidgets.script() + ")({});");
 * List<FoundWidget> widgets = FoundWidgets.parse(json, topPageUrl, List.of());
 * }</pre>
 *
 * <p>A widget the script reports without a site key, or of a type this library does not know, is skipped
 * (logged at DEBUG on {@code io.captchafeedback.solve}). Stateless and thread-safe.
 */
public final class FoundWidgets {
    private static final Logger LOG = LoggerFactory.getLogger("io.captchafeedback.solve");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = ScriptResources.withoutLeadingComments(
            ScriptResources.load(FoundWidgets.class, "/io/captchafeedback/js/find.js"));

    private FoundWidgets() {
    }

    /** The finder: a function expression taking one argument (pass {@code {}}) and returning a JSON string. */
    public static String script() {
        return SCRIPT;
    }

    /**
     * The widgets in the finder's answer.
     *
     * @param json what {@link #script()} returned in one document
     * @param pageUrl the URL providers are given ({@code websiteURL}); {@code null} takes the document's
     *     own URL from the answer. For a widget in a frame, the engines pass the top page's URL.
     * @param framePath the frames the document is in, from the top page down (empty for the top page)
     * @throws IllegalArgumentException when the text is not the finder's answer
     */
    public static List<FoundWidget> parse(String json, String pageUrl, List<String> framePath) {
        Objects.requireNonNull(json, "json == null");
        Objects.requireNonNull(framePath, "framePath == null");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("widget finder answer: not JSON");
        }
        if (root == null || !root.isObject() || !root.path("widgets").isArray()) {
            throw new IllegalArgumentException("widget finder answer: expected {url, widgets: [...]}");
        }
        if (root.hasNonNull("error")) {
            LOG.debug("widget finder failed in {}: {}", root.path("url").asText(), root.get("error").asText());
        }
        String url = pageUrl != null ? pageUrl : root.path("url").asText("");
        List<FoundWidget> widgets = new ArrayList<>();
        for (JsonNode w : root.get("widgets")) {
            CaptchaType type;
            try {
                type = CaptchaType.valueOf(w.path("type").asText(""));
            } catch (IllegalArgumentException e) {
                LOG.debug("widget finder: unknown type '{}' skipped", w.path("type").asText());
                continue;
            }
            String siteKey = text(w, "siteKey");
            if (siteKey == null || url.isBlank() || !type.isInjectable()) {
                LOG.debug("widget finder: {} without a site key or page URL skipped", type);
                continue;
            }
            widgets.add(FoundWidget.builder(type, siteKey, url)
                    .action(text(w, "action"))
                    .enterprise(w.path("enterprise").asBoolean(false))
                    .sData(text(w, "sData"))
                    .invisible(w.path("invisible").asBoolean(false))
                    .rqdata(text(w, "rqdata"))
                    .cData(text(w, "cData"))
                    .chlPageData(text(w, "chlPageData"))
                    .serviceUrl(text(w, "serviceUrl"))
                    .framePath(framePath)
                    .build());
        }
        return widgets;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
