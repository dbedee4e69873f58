package io.captchafeedback.benchmarks.report;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.provider.FeedbackResult;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderCapabilities;
import io.captchafeedback.provider.TaskIdKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** An adapter that answers "delivered" at once without any request: measures the reporter's own cost. */
final class InstantAdapter implements ProviderAdapter {
    static final String ID = "instant";
    private static final CompletableFuture<FeedbackResult> DELIVERED =
            CompletableFuture.completedFuture(new FeedbackResult.Delivered("in memory"));
    private final ProviderCapabilities capabilities;

    InstantAdapter() {
        Map<CaptchaType, String> every = new EnumMap<>(CaptchaType.class);
        for (CaptchaType type : CaptchaType.values()) {
            every.put(type, "/in-memory");
        }
        capabilities = new ProviderCapabilities(TaskIdKind.STRING, null, every, every, "benchmark only");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletableFuture<FeedbackResult> send(Feedback feedback) {
        return DELIVERED;
    }
}
