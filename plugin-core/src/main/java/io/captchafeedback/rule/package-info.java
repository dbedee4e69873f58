/**
 * Outcome rules: how a site shows that it accepted or refused a token. A {@link io.captchafeedback.rule.RuleSet}
 * (built in Java or read by {@link io.captchafeedback.rule.RuleFiles}) is compiled into one in-page probe
 * and an evaluator; a {@link io.captchafeedback.rule.Detection} combines probe results with the HTTP
 * responses and widget events an integration observes and decides a {@link io.captchafeedback.Verdict}
 * with its evidence.
 *
 * <pre>{@code
 * CompiledRuleSet compiled = RuleFiles.load(Path.of("rules.yml")).compiledFor(url).orElseThrow();
 * Detection detection = compiled.start(url);
 * }</pre>
 */
package io.captchafeedback.rule;
