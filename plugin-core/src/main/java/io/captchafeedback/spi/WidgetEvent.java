package io.captchafeedback.spi;


import io.captchafeedback.rule.Widget;
import com.fasterxml.jackson.databind.JsonNode;
import io.captchafeedback.rule.internal.Json;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call the page made to a captcha widget's API, recorded by the widget hooks
 * ({@link WidgetHooks#script()}) and pushed to a {@link Detection} by an integration.
 *
 * <!-- java: given String json; Detection detection -->
 * <pre>{@code
 * WidgetEvent.parse(json).ifPresent(detection::onWidgetEvent); // json from window.captchaFeedbackEvent
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param widget the widget
 * @param kind what the page called
 * @param at when (browser clock)
 */
public record WidgetEvent(Widget widget, Kind kind, Instant at) {

    /** What the page called. */
    public enum Kind {
        /** {@code reset()}: usually the site refused the token. */
        RESET,
        /** {@code render()}: the widget was (re)drawn. */
        RENDER
    }

    public WidgetEvent {
        Objects.requireNonNull(widget, "widget == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(at, "at == null");
    }

    /** A reset seen now. */
    public static WidgetEvent reset(Widget widget) {
        return new WidgetEvent(widget, Kind.RESET, Instant.now());
    }

    /**
     * Reads the JSON the hooks push ({@code {"kind":"reset","widget":"recaptcha","at":1732240000000}});
     * empty when it is not such an event.
     */
    public static Optional<WidgetEvent> parse(String json) {
        JsonNode node = Json.parse(json);
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Optional<Widget> widget = Widget.fromId(node.path("widget").asText(null));
        String kind = node.path("kind").asText("");
        if (widget.isEmpty() || !node.path("at").isNumber() || !(kind.equals("reset") || kind.equals("render"))) {
            return Optional.empty();
        }
        return Optional.of(new WidgetEvent(widget.get(), kind.equals("reset") ? Kind.RESET : Kind.RENDER,
                Instant.ofEpochMilli(node.path("at").asLong())));
    }
}
