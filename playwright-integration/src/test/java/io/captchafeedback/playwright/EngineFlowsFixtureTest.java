package io.captchafeedback.playwright;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.EngineFlows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The demo fixture plus a second demo site (another origin) and a {@link CaptchaFeedback} with the engine-flow rules. */
abstract class EngineFlowsFixtureTest extends DemoFixtureTest {
    static DemoSite otherOrigin;
    static CaptchaFeedback feedback;

    @BeforeAll
    static void startSecondOriginAndRules() {
        otherOrigin = DemoSite.start(fixture.emulator);
        feedback = CaptchaFeedback.builder().rules(EngineFlows.rules()).reporter(fixture.reporter).build();
    }

    @AfterAll
    static void stopSecondOrigin() {
        if (feedback != null) {
            feedback.close();
        }
        if (otherOrigin != null) {
            otherOrigin.close();
        }
    }
}
