package io.captchafeedback.report;

import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.report.spi.SharedOutbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The validated settings of a reporter; {@code shared} is {@code null} for the file outbox. */
record ReporterConfig(Map<String, ProviderAdapter> adapters, Path outbox, Duration groupCommit, CommitMode commitMode, RetryPolicy retry,
        BreakerPolicy breaker, ReportListener listener, boolean dryRun, Clock clock, Duration closeTimeout,
        int maxConcurrency, long compactAfterBytes, Path verdictReport,
        SharedOutbox shared) {
}
