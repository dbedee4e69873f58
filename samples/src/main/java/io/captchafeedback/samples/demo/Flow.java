package io.captchafeedback.samples.demo;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.testkit.site.DemoPage;

/**
 * One sign-in the demo performs: a page of the demo site, a good or a bad token from a provider, in
 * one engine.
 *
 * @param engine the browser automation library
 * @param page the demo page, i.e. a captcha widget and the way the site reacts
 * @param goodToken whether the site will accept the token
 * @param provider the id of the configured provider that "solved" the token
 */
record Flow(Engine engine, DemoPage page, boolean goodToken, String provider) {

    /** The verdict the page's reaction calls for. */
    Outcome expectedOutcome() {
        return page.reaction().expectedOutcome(goodToken);
    }

    /** {@code good} or {@code bad}. */
    String token() {
        return goodToken ? "good" : "bad";
    }
}
