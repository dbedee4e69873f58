package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.testkit.site.EngineFlows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.bidi.module.Script;
import org.openqa.selenium.bidi.script.ChannelValue;

/**
 * What an attached session costs a page with nothing tracked, and what it leaves to the test's own BiDi
 * listeners: response bodies are read and pushed only while a token is tracked in the document, and the
 * session's subscriptions end by their own ids, so closing it never removes the test's listeners of the
 * same events.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BiDiSubscriptionsTest extends DemoSiteFixture {

    CaptchaFeedback feedback;
    Script testScript;
    Network testNetwork;

    @BeforeEach
    void feedbackWithTheFlowRules() {
        feedback = CaptchaFeedback.builder().config(config()).rules(EngineFlows.rules())
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
        testScript = new Script(chrome);
        testNetwork = new Network(chrome);
    }

    @AfterEach
    void close() {
        testScript.close();
        testNetwork.close();
        feedback.close();
    }

    @Test
    void aPageWithNothingTrackedPushesNoResponseBodyAndATrackedTokenMakesItPushOne() {
        AtomicInteger bodies = new AtomicInteger();
        testScript.onMessage(m -> {
            if ("captcha-feedback".equals(m.getChannel()) && String.valueOf(m.getData().getValue().orElse("")).contains("\"kind\":\"response\"")) {
                bodies.incrementAndGet();
            }
        });
        SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback);
        try {
            cf.driver().get(site.url("/engines/popup"));
            fetchJson(cf);
            fetchJson(cf);
            assertThat(bodies.get()).as("bodies pushed with nothing tracked").isZero();

            SolvedTask task = EngineFlows.table().get(0).solve(emulator, site);
            cf.track(task);
            fetchJson(cf);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(bodies.get()).as("bodies pushed while tracked").isEqualTo(1));
        } finally {
            cf.close();
        }
    }

    @Test
    void closingTheSessionLeavesTheTestsOwnListenersOfTheSameEvents() {
        AtomicInteger responses = new AtomicInteger();
        AtomicInteger ownMessages = new AtomicInteger();
        testNetwork.onResponseCompleted(r -> responses.incrementAndGet());
        testScript.onMessage(m -> {
            if ("test-channel".equals(m.getChannel())) {
                ownMessages.incrementAndGet();
            }
        });
        String ownPreload = testScript.addPreloadScript("(channel) => { channel('loaded'); }", List.of(new ChannelValue("test-channel")));
        try {
            SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback);
            cf.driver().get(site.url("/engines/popup"));
            cf.track(EngineFlows.table().get(0).solve(emulator, site)); // subscribes to responses and loads
            cf.close();                                                  // and ends those subscriptions
            responses.set(0);
            ownMessages.set(0);

            chrome.get(site.url("/engines/popup"));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(responses.get()).as("the test's own network.responseCompleted listener").isPositive();
                assertThat(ownMessages.get()).as("the test's own script.message listener").isPositive();
            });
        } finally {
            testScript.removePreloadScript(ownPreload);
        }
    }

    /** A POST whose answer is JSON (the demo verify endpoint), awaited. */
    private static void fetchJson(SeleniumCaptchaFeedback cf) {
        ((JavascriptExecutor) cf.driver()).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch('/engines/popup/verify', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                  body: 'g-recaptcha-response=not-a-token' }).then(function (r) { return r.text(); }).then(done, done);""");
    }
}
