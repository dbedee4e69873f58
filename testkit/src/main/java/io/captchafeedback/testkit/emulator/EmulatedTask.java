package io.captchafeedback.testkit.emulator;

import io.captchafeedback.task.CaptchaType;
import java.time.Instant;

/** One task an emulated provider created; mutable fields are guarded by the {@link EmulatorState} lock. */
final class EmulatedTask {
    final String provider;
    final String taskId;
    final CaptchaType type;
    final String pageUrl;
    final String siteKey;
    final String action;
    final Instant createdAt;
    final Instant readyAt;
    final String token;
    boolean good;
    boolean verified;
    boolean feedbackRecorded;
    /** getTaskResult answers {@code processing} for this many polls, whatever the clock says. */
    int processingPolls;
    /** getTaskResult requests received so far. */
    int polls;
    /** Whether getTaskResult ends with the provider's "could not solve" error instead of a solution. */
    boolean unsolvable;

    EmulatedTask(String provider, String taskId, CaptchaType type, String pageUrl, String siteKey, String action,
            Instant createdAt, Instant readyAt, String token, boolean good) {
        this.provider = provider;
        this.taskId = taskId;
        this.type = type;
        this.pageUrl = pageUrl;
        this.siteKey = siteKey;
        this.action = action;
        this.createdAt = createdAt;
        this.readyAt = readyAt;
        this.token = token;
        this.good = good;
    }
}
