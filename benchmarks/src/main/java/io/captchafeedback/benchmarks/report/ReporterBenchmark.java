package io.captchafeedback.benchmarks.report;

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
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportHandle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Measures, in one run against the same local stub provider:
 * <ol>
 *   <li>a naive client: one blocking {@code feedbackTask} request per report, in sequence;</li>
 *   <li>the {@link FeedbackReporter} with its durable outbox (default 5 ms group commit): reports per
 *       second until all are delivered, and until all are durable;</li>
 *   <li>the time from {@code report()} to the provider's answer (p50, p99) at a steady 1,000 reports/s;</li>
 *   <li>the reporter's own cost: the same with an in-memory adapter that answers at once (no HTTP);</li>
 *   <li>the live heap after a full GC once {@code --reports} (default one million) reports were delivered
 *       (the reporter then remembers every task key, as it must for at-most-once).</li>
 * </ol>
 * and prints them beside the targets. Run on demand:
 *
 * <pre>{@code
 * mvn -q -o -pl benchmarks -am verify -DskipTests
 * mvn -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * # use this worktree's modules, not older snapshots from the local repository
 * CP=$(tr ':' '\n' < benchmarks/target/classpath.txt | grep -v io/captchafeedback | paste -sd:)
 * java -Xmx512m -cp "plugin-core/target/classes:testkit/target/classes:benchmarks/target/classes:$CP" \
 *     io.captchafeedback.benchmarks.report.ReporterBenchmark [--reports 1000000] [--naive-seconds 5]
 *     [--concurrency 64] [--stub-delay-ms 0]
 * }</pre>
 */
public final class ReporterBenchmark {
    private static final String PROVIDER = "bench";
    private static final ApiKey KEY = ApiKey.of("benchmark-key-not-secret");
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Verdict REJECTED = Verdict.of(Outcome.REJECTED_CAPTCHA,
            Evidence.of("benchmark", Evidence.Observation.of("response", "POST /login 403")));
    private static final Verdict ACCEPTED = Verdict.of(Outcome.ACCEPTED,
            Evidence.of("benchmark", Evidence.Observation.of("response", "POST /login 302")));
    private static final int MAX_OUTSTANDING = 20_000;

    private ReporterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int reports = Integer.parseInt(options.getOrDefault("reports", "1000000"));
        int naiveSeconds = Integer.parseInt(options.getOrDefault("naive-seconds", "5"));
        int latencySeconds = Integer.parseInt(options.getOrDefault("latency-seconds", "5"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        long stubDelay = Long.parseLong(options.getOrDefault("stub-delay-ms", "0"));
        Path outbox = Files.createTempDirectory("reporter-benchmark-");
        System.out.printf(Locale.ROOT, "stub answers after %d ms; reporter concurrency %d%n", stubDelay, concurrency);
        System.out.printf(Locale.ROOT, "cores=%d, load average=%.1f, max heap=%d MB, outbox=%s%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20, outbox);
        try (StubProvider stub = StubProvider.start(stubDelay);
                ProviderRegistry registry = ProviderRegistry.create(List.of(new ProviderSettings(PROVIDER,
                        ProviderTypes.GENERIC, KEY, stub.baseUrl(), Duration.ofSeconds(10), Map.of())))) {
            // warm-up of both clients
            naive(stub, 1);
            double naiveBefore = naive(stub, naiveSeconds);
            System.out.printf(Locale.ROOT, "naive blocking client: %,.0f reports/s%n", naiveBefore);

            FeedbackReporter reporter = FeedbackReporter.builder().registry(registry).adapters(List.of(new InstantAdapter()))
                    .outbox(outbox)
                    .breaker(BreakerPolicy.disabled()).maxConcurrency(concurrency).closeTimeout(Duration.ofSeconds(30)).build();
            try {
                flood(reporter, "warmup-", 50_000);
                Result overhead = flood(reporter, InstantAdapter.ID, "instant-", 200_000);
                System.out.printf(Locale.ROOT, "reporter, durable outbox, in-memory adapter (no HTTP): %,.0f/s%n",
                        overhead.deliveredRate);
                Result flood = flood(reporter, "run-", reports);
                System.out.printf(Locale.ROOT, "reporter, durable outbox: %,d reports, delivered %,.0f/s, durable %,.0f/s "
                        + "(%d not delivered)%n", reports, flood.deliveredRate, flood.durableRate, flood.failures);
                // the machine may be shared: measure the naive client again and take the mean of both runs
                double naiveAfter = naive(stub, naiveSeconds);
                double naiveRate = (naiveBefore + naiveAfter) / 2;
                System.out.printf(Locale.ROOT, "naive blocking client, again: %,.0f reports/s (mean %,.0f)%n",
                        naiveAfter, naiveRate);
                long heap = liveHeapAfterGc();
                Histogram latency = paced(reporter, 1000, latencySeconds);
                double p50 = latency.getValueAtPercentile(50) / 1000.0;
                double p99 = latency.getValueAtPercentile(99) / 1000.0;
                long heapAfter = liveHeapAfterGc();

                System.out.println();
                System.out.println("metric                                   measured        target        ratio");
                row("throughput vs naive client", String.format(Locale.ROOT, "%.1fx", flood.deliveredRate / naiveRate),
                        ">= 3x", flood.deliveredRate / naiveRate / 3);
                row("durable feedbacks/s (delivered)", String.format(Locale.ROOT, "%,.0f", flood.deliveredRate),
                        ">= 10,000", flood.deliveredRate / 10_000);
                row("report() -> answer p50 @1000/s", String.format(Locale.ROOT, "%.2f ms", p50), "< 5 ms", 5 / p50);
                row("report() -> answer p99 @1000/s", String.format(Locale.ROOT, "%.2f ms", p99), "-", Double.NaN);
                row("live heap after " + String.format(Locale.ROOT, "%,d", reports) + " reports",
                        (heap >> 20) + " MB", "< 64 MB", 64.0 / Math.max(1, heap >> 20));
                row("live heap after the latency phase", (heapAfter >> 20) + " MB", "< 64 MB",
                        64.0 / Math.max(1, heapAfter >> 20));
                System.out.println("(ratio >= 1 meets the target)");
                System.out.printf(Locale.ROOT, "load average at the end: %.1f%n",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.printf(Locale.ROOT, "stub served %,d requests; outbox size %,d bytes%n", stub.requests(),
                        Files.size(outbox.resolve("outbox.log")));
            } finally {
                reporter.close();
            }
        } finally {
            deleteRecursively(outbox);
        }
    }

    private record Result(double deliveredRate, double durableRate, long failures) {
    }

    /** Reports {@code count} verdicts as fast as the outstanding limit allows; waits for all. */
    private static Result flood(FeedbackReporter reporter, String prefix, int count) throws InterruptedException {
        return flood(reporter, PROVIDER, prefix, count);
    }

    private static Result flood(FeedbackReporter reporter, String providerId, String prefix, int count)
            throws InterruptedException {
        Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        AtomicLong lastDurable = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Instant solvedAt = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            outstanding.acquire();
            ReportHandle handle = reporter.report(task(providerId, prefix + i, solvedAt),
                    (i & 1) == 0 ? REJECTED : ACCEPTED);
            handle.durable().thenRun(() -> lastDurable.accumulateAndGet(System.nanoTime(), Math::max));
            handle.result().thenAccept(status -> {
                if (status != DeliveryStatus.DELIVERED) {
                    failures.incrementAndGet();
                }
                outstanding.release();
            });
        }
        outstanding.acquire(MAX_OUTSTANDING);
        long end = System.nanoTime();
        while (lastDurable.get() == 0) {
            Thread.sleep(1);
        }
        double seconds = (end - start) / 1e9;
        double durableSeconds = (lastDurable.get() - start) / 1e9;
        return new Result(count / seconds, count / durableSeconds, failures.get());
    }

    /** Reports at a steady rate and records the time from report() to the provider's answer. */
    private static Histogram paced(FeedbackReporter reporter, int perSecond, int seconds) throws InterruptedException {
        ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        int count = perSecond * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        Semaphore done = new Semaphore(0);
        Instant solvedAt = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 200_000) {
                    Thread.sleep(0, 100_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            long t0 = System.nanoTime();
            reporter.report(task("paced-" + i, solvedAt), REJECTED).result().thenRun(() -> {
                histogram.recordValue((System.nanoTime() - t0) / 1000);
                done.release();
            });
        }
        done.acquire(count);
        return histogram;
    }

    /** The naive client: one blocking request per report, in sequence, for {@code seconds}. */
    private static double naive(StubProvider stub, int seconds) throws IOException {
        OkHttpClient client = new OkHttpClient();
        String url = stub.baseUrl() + "/feedbackTask";
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            String body = "{\"clientKey\":\"" + KEY.reveal() + "\",\"taskId\":\"naive-" + n
                    + "\",\"result\":{\"invalid\":true,\"message\":\"Token was rejected by the target site\"}}";
            Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
            try (Response response = client.newCall(request).execute()) {
                if (!response.isSuccessful() || !response.body().string().contains("\"errorId\":0")) {
                    throw new IOException("naive client: unexpected answer " + response.code());
                }
            }
            n++;
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        return rate;
    }

    private static SolvedTask task(String id, Instant solvedAt) {
        return task(PROVIDER, id, solvedAt);
    }

    private static SolvedTask task(String providerId, String id, Instant solvedAt) {
        return SolvedTask.builder(providerId, id, CaptchaType.RECAPTCHA_V2, "03AGdBq2-benchmark-token")
                .solvedAt(solvedAt).pageUrl("https://shop.example/login").build();
    }

    private static long liveHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void row(String metric, String measured, String target, double ratio) {
        System.out.printf(Locale.ROOT, "%-40s %-15s %-13s %s%n", metric, measured, target,
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio));
    }

    private static Map<String, String> parse(String[] args) {
        java.util.HashMap<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
