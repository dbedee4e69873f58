package io.captchafeedback.selenium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.testkit.site.EngineFlows;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selenium's Java client hands each BiDi event to its own pool thread, so two pushes of one in-page runner
 * can be handled in either order (seen with a popup: its initial about:blank probe handled after the
 * result page's). The session keeps each browsing context's newest probe by when it was taken, and its
 * newest load by BiDi's timestamp (a late, older load must not set the task's URL back).
 */
class SessionProbeOrderTest {
    @TempDir
    Path dir;
    CaptchaFeedback feedback;
    Session.Tracked tracked;

    @BeforeEach
    void trackATask() {
        feedback = CaptchaFeedback.builder().config(CaptchaFeedbackConfig.builder().environment(Map.of())
                        .provider("ucaptcha", "ucaptcha", ApiKey.of("test-key")).build())
                .rules(EngineFlows.rules()).outbox(dir.resolve("outbox")).build();
        SolvedTask task = SolvedTask.builder("ucaptcha", "t-1", CaptchaType.RECAPTCHA_V2, "token-1").build();
        PendingVerdict pending = feedback.track(task, URI.create("http://127.0.0.1/engines/popup"));
        tracked = new Session.Tracked(1, pending, pending.detection().orElseThrow(), "top");
    }

    @AfterEach
    void close() {
        feedback.close();
    }

    @Test
    void aProbeTakenEarlierButHandledLaterDoesNotReplaceTheNewerOne() {
        Map<String, ?> result = probe("http://127.0.0.1/engines/popup/result?ok=1");
        Map<String, ?> blank = probe("about:blank");

        tracked.probed("popup", result, new Session.Stamp(1000.25, 2));
        tracked.probed("popup", blank, new Session.Stamp(1000.10, 1));

        assertThat(tracked.probes.get("popup")).isSameAs(result);
    }

    @Test
    void aNewerProbeOfTheSameContextReplacesTheOlderOne() {
        Map<String, ?> blank = probe("about:blank");
        Map<String, ?> result = probe("http://127.0.0.1/engines/popup/result?ok=1");

        tracked.probed("popup", blank, new Session.Stamp(1000.10, 1));
        tracked.probed("popup", result, new Session.Stamp(1000.10, 2));

        assertThat(tracked.probes.get("popup")).isSameAs(result);
    }

    @Test
    void aProbeRunFromTheTestsThreadIsAlwaysKept() {
        Map<String, ?> pushed = probe("http://127.0.0.1/engines/popup");
        Map<String, ?> direct = probe("http://127.0.0.1/engines/popup#later");

        tracked.probed("top", pushed, new Session.Stamp(1000.25, 7));
        tracked.probed("top", direct, null);

        assertThat(tracked.probes.get("top")).isSameAs(direct);
    }

    @Test
    void aLoadHandledAfterANewerLoadOfTheSameContextIsDroppedAndOtherContextsAreApart() {
        Map<String, Long> newest = new java.util.HashMap<>();

        assertThat(Session.newestLoad(newest, "top", 2_000)).as("the result page's load").isTrue();
        assertThat(Session.newestLoad(newest, "top", 1_990)).as("the form page's load, handled late").isFalse();
        assertThat(Session.newestLoad(newest, "popup", 1_000)).as("another context's older load").isTrue();
        assertThat(Session.newestLoad(newest, "top", 2_000)).as("a load at the same millisecond").isTrue();
        assertThat(Session.newestLoad(newest, null, 0)).as("a load without a context").isTrue();
        assertThat(newest).containsExactlyInAnyOrderEntriesOf(Map.of("top", 2_000L, "popup", 1_000L));
    }

    private static Map<String, ?> probe(String url) {
        return Map.of("v", 1, "url", url, "d", "doc", "top", true);
    }
}
