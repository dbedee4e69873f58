package io.captchafeedback.samples.cucumber;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * Sample: a Cucumber suite (run by Cucumber's JUnit Platform engine, started here through JUnit's
 * suite engine, as Maven's Surefire runs it) whose scenarios sign in with Selenium. Two lines wire
 * captcha-feedback in: the glue package {@code io.captchafeedback.cucumber.glue} (hooks and steps about
 * tokens and verdicts) and the plugin {@code CaptchaFeedbackPlugin} (the run's verdict report; each
 * scenario's verdicts also land in Cucumber's own report as log lines and JSON attachments).
 * {@link SignInSteps} holds the suite's own steps and hands its WebDriver over.
 */
@Suite
@IncludeEngines("cucumber")
@SelectClasspathResource("io/captchafeedback/samples/cucumber")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.captchafeedback.cucumber.glue, io.captchafeedback.samples.cucumber")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME,
        value = "io.captchafeedback.cucumber.CaptchaFeedbackPlugin:target/captcha-feedback/cucumber-sample, summary")
class SignInWithCucumberTest {
}
