package io.captchafeedback.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares where the {@code CaptchaFeedback} of a test class comes from and how its verdicts are
 * checked after each test. Read by {@link CaptchaFeedbackExtension} and the engine extensions built
 * on it. Exactly one of {@link #file()} and {@link #factory()} is used; with neither, the system
 * property {@value CaptchaFeedbackExtension#CONFIG_PROPERTY} names the file.
 *
 * <pre>{@code
 * @ExtendWith(SeleniumCaptchaFeedbackExtension.class)
 * @CaptchaFeedbackConfiguration(file = "src/test/resources/captcha-feedback.yml", failOnRejectedCaptcha = true)
 * class SignUpTest {
 *     // ...
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface CaptchaFeedbackConfiguration {

    /** The configuration file (YAML or JSON), relative to the working directory. */
    String file() default "";

    /** A factory that builds the instance (takes precedence over {@link #file()}). */
    Class<? extends CaptchaFeedbackFactory> factory() default CaptchaFeedbackFactory.None.class;

    /** Fail a test when one of its verdicts is {@code REJECTED_CAPTCHA} (the feedback is sent anyway). */
    boolean failOnRejectedCaptcha() default false;

    /** How long, after each test, to wait for its pending verdicts and then for their reports. */
    long verdictTimeoutMillis() default 15_000;
}
