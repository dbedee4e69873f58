package io.captchafeedback.postgres;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.CommitMode;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.RetryPolicy;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker process of the fleet tests: a reporter on the shared PostgreSQL outbox reports the task ids
 * {@code first .. first + count - 1} from four threads (synchronous commit, so that {@code RET <id>} is
 * printed only once its row is committed), then keeps running until the fleet has nothing undecided
 * (taking over a dead worker's claims meanwhile), closes and prints {@code DONE}. Arguments: database
 * URL, provider base URL, first task number, count, lease in milliseconds.
 */
public final class FleetWorker {
    static final String PROVIDER = "fleet";
    private static final int THREADS = 4;

    private FleetWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        URI base = URI.create(args[1]);
        int first = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[4]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (ProviderRegistry registry = registry(base);
                PostgresOutbox outbox = PostgresOutbox.builder(url, "postgres", null).lease(lease).poolSize(4).build()) {
            FeedbackReporter reporter = FeedbackReporter.builder().registry(registry).sharedOutbox(outbox)
                    .commitMode(CommitMode.SYNC).breaker(BreakerPolicy.disabled())
                    .retry(RetryPolicy.builder().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build())
                    .closeTimeout(Duration.ofSeconds(30)).build();
            out.println("READY " + outbox.worker());
            AtomicInteger next = new AtomicInteger(first);
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                threads[t] = new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < first + count; i = next.getAndIncrement()) {
                        String id = "task-" + i;
                        reporter.report(task(id), verdict(i % 3 == 0 ? Outcome.REJECTED_CAPTCHA : Outcome.ACCEPTED));
                        out.println("RET " + id);
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            out.println("REPORTED");
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (reporter.outboxDepth() != 0 && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            reporter.close();
        }
        out.println("DONE");
    }

    static ProviderRegistry registry(URI base) {
        // like uCaptcha: no answer to a repeated report, so every request counts
        return ProviderRegistry.create(List.of(new ProviderSettings(PROVIDER, ProviderTypes.GENERIC,
                ApiKey.of("fleet-test-key-51c0e7"), base, Duration.ofSeconds(2), Map.of("answersRepeats", "false"))));
    }

    static SolvedTask task(String id) {
        int site = Math.abs(id.hashCode()) % 3;
        return SolvedTask.builder(PROVIDER, id, CaptchaType.RECAPTCHA_V2, "03AGdBq2-token-" + id)
                .pageUrl("https://site" + site + ".example/login").build();
    }

    static Verdict verdict(Outcome outcome) {
        return Verdict.of(outcome, Evidence.of("fleet-rule", Evidence.Observation.of("response", "POST /login")));
    }
}
