package io.captchafeedback.junit;

import io.captchafeedback.CaptchaFeedback;

/**
 * Builds the {@link CaptchaFeedback} of a test class, for {@link CaptchaFeedbackConfiguration#factory()}.
 * Implementations need a public no-argument constructor; the extension closes what they return when
 * the test class is done.
 *
 * <pre>{@code
 * public class TestFeedback implements CaptchaFeedbackFactory {
 *     public CaptchaFeedback create() {
 *         return CaptchaFeedback.builder().config(CaptchaFeedbackConfig.load(Path.of("cf.yml"))).outbox(Path.of("target/outbox")).build();
 *     }
 * }
 * }</pre>
 *
 * <p>Called once per test class, on the test's thread.
 */
@FunctionalInterface
public interface CaptchaFeedbackFactory {

    /** The instance the tests of a class use. */
    CaptchaFeedback create() throws Exception;

    /** The default of {@link CaptchaFeedbackConfiguration#factory()}: no factory, use the file. */
    final class None implements CaptchaFeedbackFactory {
        private None() {
        }

        @Override
        public CaptchaFeedback create() {
            throw new UnsupportedOperationException("no factory");
        }
    }
}
