package io.captchafeedback.report;

import io.captchafeedback.provider.ProviderRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link CrashTest}: reports {@code count} verdicts as fast as it can and prints
 * {@code ACK <taskId>} for each once its durability is acknowledged, then waits to be killed.
 * Arguments: outbox directory, provider base URL, count.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path outbox = Path.of(args[0]);
        URI base = URI.create(args[1]);
        int count = Integer.parseInt(args[2]);
        ReporterFixture fixture = new ReporterFixture();
        ProviderRegistry registry = fixture.registry(base, null);
        FeedbackReporter reporter = FeedbackReporter.builder().registry(registry).outbox(outbox)
                .retry(ReporterFixture.FAST_RETRY).breaker(BreakerPolicy.disabled())
                .groupCommit(Duration.ofMillis(5)).build();
        // acknowledgements must reach the parent at once, not when a buffer fills
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.println("READY");
        for (int i = 0; i < count; i++) {
            String id = "crash-" + i;
            reporter.report(ReporterFixture.task(id), i % 2 == 0 ? ReporterFixture.rejected() : ReporterFixture.accepted())
                    .durable().thenRun(() -> out.println("ACK " + id));
            if (i % 50 == 49) {
                Thread.sleep(20); // a steady stream rather than one burst
            }
        }
        out.println("ALL REPORTED");
        Thread.sleep(Long.MAX_VALUE);
    }
}
