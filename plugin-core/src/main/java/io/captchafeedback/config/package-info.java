/**
 * Configuration: one YAML or JSON file and an equivalent Java builder, {@code ${ENV_VAR}} interpolation,
 * typed {@link io.captchafeedback.config.ConfigKey}s that system properties and environment variables
 * override, in the one order documented on {@link io.captchafeedback.config.CaptchaFeedbackConfig}.
 * Bad input raises a {@link io.captchafeedback.config.ConfigException} naming the file, line, column and
 * key; {@link io.captchafeedback.config.ConfigNode} is the located document tree every loader reads.
 *
 * <pre>{@code
 * CaptchaFeedbackConfig config = CaptchaFeedbackConfig.load(Path.of("captcha-feedback.yml"));
 * }</pre>
 */
package io.captchafeedback.config;
