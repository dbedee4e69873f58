/**
 * Configuration input: {@link io.captchafeedback.config.ConfigNode}, the located tree of a YAML or JSON
 * file (every node knows its file, line, column and key path, after {@code ${ENV_VAR}} interpolation),
 * which every section's reader uses (providers and their adapter options, the reporter, rule files),
 * and {@link io.captchafeedback.config.ConfigException}, the located error they raise.
 *
 * <p>The configuration as a whole, its typed keys and their precedence (builder > system property >
 * environment > file > default) are {@link io.captchafeedback.CaptchaFeedbackConfig} and
 * {@link io.captchafeedback.ConfigKey}, beside the entry point; this package sits below the providers
 * and rules that read it.
 *
 * <!-- java: given String yaml -->
 * <pre>{@code
 * ConfigNode options = ConfigNode.parse("acme.yml", yaml, false, System::getenv);
 * String style = options.required("style").asChoice(List.of("light", "dark"));  // else a located error
 * }</pre>
 */
package io.captchafeedback.config;
