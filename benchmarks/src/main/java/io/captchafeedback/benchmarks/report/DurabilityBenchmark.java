package io.captchafeedback.benchmarks.report;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.CommitMode;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Measures how long a reported verdict takes to reach the disk of the durable outbox, with an in-memory
 * adapter (no HTTP) so that only the outbox counts:
 * <ul>
 *   <li>{@code report()} call: how long the caller waits;</li>
 *   <li>return → disk: from {@code report()} returning to the record being forced (what a crash in between
 *       loses in the default mode; 0 in synchronous mode);</li>
 *   <li>call → disk: from calling {@code report()} to the record being forced.</li>
 * </ul>
 * Each for the default mode (5 ms group commit) and the synchronous mode, with 16 threads reporting as fast
 * as they can (the highest sustained rate: {@code report()} pushes back when the writer falls behind), then
 * paced at half that rate. Run on demand:
 *
 * <pre>{@code
 * java -cp ... io.captchafeedback.benchmarks.report.DurabilityBenchmark [--seconds 5] [--threads 16]
 * }</pre>
 *
 * <p>Not thread-safe; a main program.
 */
public final class DurabilityBenchmark {
    private static final Verdict REJECTED = Verdict.of(Outcome.REJECTED_CAPTCHA, Evidence.of("benchmark"));

    private DurabilityBenchmark() {
    }

    /** What one run measured. */
    private record Run(String name, long reports, double seconds, Histogram call, Histogram returnToDisk,
            Histogram callToDisk) {
        String line() {
            return String.format(Locale.ROOT, "| %s | %,.0f/s | %s | %s | %s |", name, reports / seconds,
                    pair(call), pair(returnToDisk), pair(callToDisk));
        }

        private static String pair(Histogram h) {
            return ms(h.getValueAtPercentile(50)) + " / " + ms(h.getValueAtPercentile(99));
        }

        private static String ms(long nanos) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int threads = 16;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Run> runs = new ArrayList<>();
        for (CommitMode mode : CommitMode.values()) {
            run(mode, threads, seconds, 0); // warm-up, not printed
            Run fastest = run(mode, threads, seconds, 0);
            runs.add(fastest);
            runs.add(run(mode, threads, seconds, fastest.reports() / fastest.seconds() / 2));
        }
        System.out.println("| mode, load | reports/s | report() call p50 / p99 | return → disk p50 / p99 "
                + "| call → disk p50 / p99 |");
        System.out.println("|---|---|---|---|---|");
        runs.forEach(r -> System.out.println(r.line()));
    }

    /** {@code rate} 0: as fast as the threads can; otherwise paced to that many reports per second in all. */
    private static Run run(CommitMode mode, int threads, int seconds, double rate) throws Exception {
        Path dir = Files.createTempDirectory("durability-benchmark");
        ConcurrentHistogram call = new ConcurrentHistogram(3);
        ConcurrentHistogram returnToDisk = new ConcurrentHistogram(3);
        ConcurrentHistogram callToDisk = new ConcurrentHistogram(3);
        AtomicLong count = new AtomicLong();
        long started;
        long ended;
        try (FeedbackReporter reporter = FeedbackReporter.builder().adapters(List.of(new InstantAdapter()))
                .outbox(dir).commitMode(mode).breaker(BreakerPolicy.disabled()).build()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            long[] window = new long[2];
            long periodNanos = rate > 0 ? (long) (threads * 1e9 / rate) : 0;
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long next = System.nanoTime();
                    for (int i = 0; System.nanoTime() < window[1]; i++) {
                        if (periodNanos > 0) {
                            next += periodNanos;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        SolvedTask task = SolvedTask.of(InstantAdapter.ID, mode + "-" + rate + "-" + thread + "-" + i,
                                CaptchaType.RECAPTCHA_V2, "token");
                        long t0 = System.nanoTime();
                        ReportHandle handle = reporter.report(task, REJECTED);
                        long t1 = System.nanoTime();
                        call.recordValue(t1 - t0);
                        handle.durable().thenRun(() -> {
                            long t2 = System.nanoTime();
                            returnToDisk.recordValue(Math.max(0, t2 - t1));
                            callToDisk.recordValue(t2 - t0);
                        });
                        count.incrementAndGet();
                    }
                }, "reporting-" + t);
                worker.start();
                workers.add(worker);
            }
            started = System.nanoTime();
            window[0] = started;
            window[1] = started + Duration.ofSeconds(seconds).toNanos();
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
            ended = System.nanoTime();
        } finally {
            delete(dir);
        }
        String load = rate > 0 ? String.format(Locale.ROOT, "paced at %,.0f/s", rate) : threads + " threads, flat out";
        return new Run((mode == CommitMode.GROUP ? "group commit 5 ms" : "synchronous") + ", " + load, count.get(),
                (ended - started) / 1e9, call, returnToDisk, callToDisk);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
