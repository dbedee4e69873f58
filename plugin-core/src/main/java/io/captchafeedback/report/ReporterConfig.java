package io.captchafeedback.report;

import io.captchafeedback.provider.ProviderAdapter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The validated settings of a reporter. */
record ReporterConfig(Map<String, ProviderAdapter> adapters, Path outbox, Duration groupCommit, CommitMode commitMode, RetryPolicy retry,
        BreakerPolicy breaker, ReportListener listener, boolean dryRun, Clock clock, Duration closeTimeout,
        int maxConcurrency, long compactAfterBytes, Path verdictReport) {
}
