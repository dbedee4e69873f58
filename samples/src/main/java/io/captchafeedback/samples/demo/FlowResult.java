package io.captchafeedback.samples.demo;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import java.time.Duration;

/**
 * What one flow produced, before the feedback's delivery is known.
 *
 * @param flow the flow
 * @param task the token's task, or {@code null} when the flow failed before it had one
 * @param verdict the decided verdict with its report handle, or {@code null} when none came
 * @param failure what went wrong when there is no verdict, else {@code null}
 * @param took how long the flow took, from opening the page to the verdict
 */
record FlowResult(Flow flow, SolvedTask task, TaskVerdict verdict, String failure, Duration took) {

    static FlowResult failed(Flow flow, SolvedTask task, String failure, Duration took) {
        return new FlowResult(flow, task, null, failure, took);
    }
}
