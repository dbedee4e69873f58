package io.captchafeedback.report;

import io.captchafeedback.provider.ProviderRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The child JVM of {@link CrashTest}: {@code threads} threads report verdicts as fast as they can (with
 * short pauses) and print {@code RET <taskId> <System.nanoTime()> <durable|pending>} as each {@code report()}
 * returns (whether its record was on disk then), {@code DEC <taskId> <status>} once the child decided it
 * (printed by a thread of its own, never the outbox writer's) and {@code FORCE <nanos>}, the longest disk
 * sync so far, every 10 ms, until the parent kills the process. Arguments: outbox directory, provider base URL, commit mode
 * ({@code GROUP} or {@code SYNC}), whether the provider answers repeats, threads, a prefix for the task ids.
 */
public final class CrashChild {
    /** The group-commit interval of the child's reporter. */
    static final Duration GROUP_COMMIT = Duration.ofMillis(5);

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path outbox = Path.of(args[0]);
        URI base = URI.create(args[1]);
        CommitMode mode = CommitMode.valueOf(args[2]);
        boolean answersRepeats = Boolean.parseBoolean(args[3]);
        int threads = Integer.parseInt(args[4]);
        String prefix = args[5];
        ReporterFixture fixture = new ReporterFixture();
        ProviderRegistry registry = fixture.registry(base, null, answersRepeats);
        FeedbackReporter reporter = FeedbackReporter.builder().registry(registry).outbox(outbox)
                .retry(ReporterFixture.FAST_RETRY).breaker(BreakerPolicy.disabled())
                .groupCommit(GROUP_COMMIT).commitMode(mode).build();
        // each line must reach the parent at once, not when a buffer fills
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.println("READY");
        Thread syncs = new Thread(() -> {
            while (true) {
                out.println("FORCE " + ((DefaultFeedbackReporter) reporter).longestForceNanos());
                sleep(10);
            }
        }, "force-times");
        syncs.setDaemon(true);
        syncs.start();
        // a decision completes on the outbox writer's thread: a full pipe must not stall the writer
        BlockingQueue<String> decisions = new LinkedBlockingQueue<>();
        Thread decided = new Thread(() -> {
            while (true) {
                try {
                    out.println(decisions.take());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "decisions");
        decided.setDaemon(true);
        decided.start();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String id = prefix + "t" + thread + "-" + i;
                    ReportHandle handle = reporter.report(ReporterFixture.task(id), i % 2 == 0
                            ? ReporterFixture.rejected() : ReporterFixture.accepted());
                    long returned = System.nanoTime();
                    CompletableFuture<Void> durable = handle.durable();
                    boolean onDisk = durable.isDone() && !durable.isCompletedExceptionally();
                    out.println("RET " + id + " " + returned + (onDisk ? " durable" : " pending"));
                    handle.result().thenAccept(status -> decisions.add("DEC " + id + " " + status));
                    if (i % 10 == 9) {
                        sleep(5); // a steady stream rather than one burst
                    }
                }
            }, "reporting-" + t);
            worker.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
