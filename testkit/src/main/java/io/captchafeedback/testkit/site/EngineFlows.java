package io.captchafeedback.testkit.site;


import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.rule.Rules;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine-neutral table of flows on the demo site's {@code /engines/} pages: which page, a good or a
 * bad token, and the verdict both engine integrations must decide with the one rule file
 * {@code engine-flows.yml}. Each engine module runs every row (Selenium locally and through Grid,
 * Playwright), injecting with the engine's own {@code inject} into the page (the widget may be in a
 * child frame) and waiting with {@code awaitVerdict}.
 *
 * <!-- java: given DemoSite otherOrigin; Attachment attachment; Duration WAIT -->
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * for (EngineFlows.Flow flow : EngineFlows.table()) {
 *     page.navigate(flow.url(site, otherOrigin));
 *     attachment.inject(page, flow.solve(emulator, site));
 *     assertThat(attachment.awaitVerdict(WAIT).orElseThrow().verdict().outcome()).isEqualTo(flow.expected());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EngineFlows {
    /** The resource name of the rule file. */
    public static final String RESOURCE = "engine-flows.yml";
    /** The widget on every page of the table (its callback submits by itself). */
    public static final DemoWidget WIDGET = DemoWidget.RECAPTCHA_V2_INVISIBLE;

    private EngineFlows() {
    }

    /** Where a flow's widget is. */
    public enum Frame {
        /** In the top page. */
        TOP,
        /** In an iframe of the same origin. */
        SAME_ORIGIN,
        /** In an iframe of another origin (the second demo site). */
        CROSS_ORIGIN
    }

    /**
     * One row of the table.
     *
     * @param name what the flow shows, a sentence fragment for test names
     * @param page the page, relative to the site ({@code /engines/...}); for framed flows the frame's page
     * @param frame where the widget is
     * @param good whether the token is good
     * @param expected the verdict both engines must decide
     */
    public record Flow(String name, String page, Frame frame, boolean good, Outcome expected) {
        public Flow {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(page, "page == null");
            Objects.requireNonNull(frame, "frame == null");
            Objects.requireNonNull(expected, "expected == null");
        }

        /**
         * The URL to open: the page itself, or for framed flows the {@code /engines/frame} page of
         * {@code site} whose iframe shows the page from {@code site} or from {@code otherOrigin}.
         */
        public String url(DemoSite site, DemoSite otherOrigin) {
            return switch (frame) {
                case TOP -> site.url(page);
                case SAME_ORIGIN -> site.url("/engines/frame?src=" + URLEncoder.encode(site.url(page), StandardCharsets.UTF_8));
                case CROSS_ORIGIN -> site.url("/engines/frame?src=" + URLEncoder.encode(otherOrigin.url(page), StandardCharsets.UTF_8));
            };
        }

        /** A token for the flow's widget from the emulator's uCaptcha, marked bad for a bad-token flow. */
        public SolvedTask solve(ProviderEmulator emulator, DemoSite site) {
            SolvedTask task = emulator.solve("ucaptcha", WIDGET.captchaType(), site.url("/"), WIDGET.siteKey());
            if (!good) {
                emulator.markBad(task.taskId());
            }
            return task;
        }

        /**
         * A text the verdict's evidence must contain on every engine, if any: on the page whose XHR handler
         * leaves before the answer's body arrives, the note that the body was not read.
         */
        public Optional<String> expectedNote() {
            return page.startsWith("/engines/xhr-away") ? Optional.of("/engines/xhr-away/verify not read: ")
                    : Optional.empty();
        }

        /** Whether the widget is inside an iframe of the page opened. */
        public boolean framed() {
            return frame != Frame.TOP || page.startsWith("/engines/parent-success");
        }

        /** {@code name}, token quality and expected verdict, for test names. */
        @Override
        public String toString() {
            return name + ", " + (good ? "good" : "bad") + " token -> " + expected;
        }
    }

    /** Every flow, each with a good and a bad token. */
    public static List<Flow> table() {
        String framed = DemoPage.of(WIDGET, DemoReaction.INLINE_ERROR).path();
        List<Flow> flows = new ArrayList<>();
        pair(flows, "a widget in a same-origin iframe", framed, Frame.SAME_ORIGIN);
        pair(flows, "a widget in a cross-origin iframe", framed, Frame.CROSS_ORIGIN);
        pair(flows, "a widget reset inside a cross-origin iframe", DemoPage.of(WIDGET, DemoReaction.WIDGET_RESET).path(), Frame.CROSS_ORIGIN);
        pair(flows, "an XHR whose handler navigates away before the body", "/engines/xhr-away", Frame.TOP);
        pair(flows, "a widget reset before the JSON answer", "/engines/reset-json?order=reset-first", Frame.TOP);
        pair(flows, "a JSON answer before the widget reset", "/engines/reset-json?order=json-first", Frame.TOP);
        pair(flows, "a result shown in the parent of the widget's iframe", "/engines/parent-success", Frame.TOP);
        pair(flows, "a result shown in a popup", "/engines/popup", Frame.TOP);
        return List.copyOf(flows);
    }

    private static void pair(List<Flow> flows, String name, String page, Frame frame) {
        flows.add(new Flow(name, page, frame, true, Outcome.ACCEPTED));
        flows.add(new Flow(name, page, frame, false, Outcome.REJECTED_CAPTCHA));
    }

    /** The rule file's text. */
    public static String yaml() {
        return DemoRules.text(RESOURCE);
    }

    /** The parsed rules. */
    public static Rules rules() {
        return DemoRules.parse(RESOURCE);
    }
}
