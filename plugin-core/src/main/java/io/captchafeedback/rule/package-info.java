/**
 * Outcome rules: how a site shows that it accepted or refused a token. A {@link io.captchafeedback.rule.RuleSet}
 * is built in Java or read by {@link io.captchafeedback.rule.RuleFiles}; {@link io.captchafeedback.rule.Rules}
 * holds the rule sets of a configuration and picks the one for a page. Engine integrations compile and
 * evaluate them through {@code io.captchafeedback.spi}.
 *
 * <pre>{@code
 * Rules rules = RuleFiles.load(Path.of("rules.yml"));
 * CaptchaFeedback feedback = CaptchaFeedback.builder().config(config).rules(rules).build();
 * }</pre>
 */
package io.captchafeedback.rule;
