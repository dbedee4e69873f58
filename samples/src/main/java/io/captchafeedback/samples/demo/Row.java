package io.captchafeedback.samples.demo;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import java.time.Duration;

/**
 * One line of the demo's table: a flow, what captcha-feedback decided and sent, what the provider
 * answered, and whether all of it is what the page and the provider call for.
 *
 * @param flow the flow
 * @param task the token's task, or {@code null} when the flow failed before it had one
 * @param verdict the decided outcome, or {@code null} when there was none
 * @param rule the rule that decided ({@code Evidence.rule()}), or {@code ""}
 * @param feedback the feedback sent: {@code positive}, {@code negative}, or {@code none: <why>}
 * @param answer the provider's answer in words, or {@code ""} when nothing was sent
 * @param ok whether the row is as expected
 * @param problem what is not as expected, or {@code ""}
 * @param took how long the flow took in the browser
 */
record Row(Flow flow, SolvedTask task, Outcome verdict, String rule, String feedback, String answer, boolean ok, String problem,
        Duration took) {
}
