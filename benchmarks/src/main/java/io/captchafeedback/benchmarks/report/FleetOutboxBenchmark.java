package io.captchafeedback.benchmarks.report;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.postgres.PostgresOutbox;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportHandle;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Durable feedbacks per second with 1, 2 and 4 workers (reporters, each with its own
 * {@link PostgresOutbox} and connections) on one PostgreSQL server on this machine, beside the file outbox
 * in the same run; the adapter answers at once (no HTTP), so that only the outbox counts. Per run:
 * feedbacks committed per second (their row stored), feedbacks decided per second (row, attempt and
 * decision stored), {@code report()} → committed p50 / p99, and the server's commits per decided
 * feedback. Eight reporting threads in all, split over the workers. Run on demand:
 *
 * <pre>{@code
 * java -cp ... io.captchafeedback.benchmarks.report.FleetOutboxBenchmark [--seconds 5] [--threads 8]
 * }</pre>
 *
 * <p>Not thread-safe; a main program.
 */
public final class FleetOutboxBenchmark {
    private static final Verdict ACCEPTED = Verdict.of(Outcome.ACCEPTED, Evidence.of("benchmark"));

    private FleetOutboxBenchmark() {
    }

    /** What one run measured. */
    private record Run(String name, long committed, long decided, double seconds, Histogram toCommit, double commits) {
        String line() {
            return String.format(Locale.ROOT, "| %s | %,.0f/s | %,.0f/s | %.2f ms / %.2f ms | %s |", name,
                    committed / seconds, decided / seconds, toCommit.getValueAtPercentile(50) / 1e6,
                    toCommit.getValueAtPercentile(99) / 1e6, commits < 0 ? "—" : String.format(Locale.ROOT, "%.2f", commits));
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int threads = 8;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path data = Files.createTempDirectory("fleet-benchmark");
        List<Run> runs = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data.resolve("pg"))
                .setServerConfig("max_connections", "100").start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            run("warm-up", url, 2, threads, seconds, data, null);
            for (int workers : new int[] {1, 2, 4}) {
                runs.add(run("PostgreSQL, " + workers + " worker" + (workers > 1 ? "s" : ""), url, workers, threads,
                        seconds, data, pg));
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("TRUNCATE captcha_feedback_outbox");
                }
            }
            runs.add(run("file outbox, 1 reporter", null, 1, threads, seconds, data, null));
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("| outbox, workers | committed/s | decided/s | report() → committed p50 / p99 | commits per feedback |");
        System.out.println("|---|---|---|---|---|");
        runs.forEach(r -> System.out.println(r.line()));
    }

    /** The server's count of committed transactions (updated shortly after they end). */
    private static long commits(EmbeddedPostgres pg) throws Exception {
        TimeUnit.MILLISECONDS.sleep(1_000); // the statistics collector lags
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * {@code url} null: the file outbox. With {@code pg}, also the server's commits per decided feedback over
     * the run (all of them: the workers' lease renewals and this count's own queries too).
     */
    private static Run run(String name, String url, int workers, int threads, int seconds, Path data, EmbeddedPostgres pg)
            throws Exception {
        long commitsBefore = pg == null ? 0 : commits(pg);
        AtomicLong allDecided = new AtomicLong();
        List<FeedbackReporter> reporters = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            FeedbackReporter.Builder b = FeedbackReporter.builder().adapters(List.of(new InstantAdapter()))
                    .breaker(BreakerPolicy.disabled());
            if (url == null) {
                b.outbox(Files.createTempDirectory(data, "file-outbox"));
            } else {
                b.sharedOutbox(PostgresOutbox.builder(url, "postgres", null).poolSize(4).build());
            }
            reporters.add(b.build());
        }
        ConcurrentHistogram toCommit = new ConcurrentHistogram(3);
        AtomicLong committed = new AtomicLong();
        AtomicLong decided = new AtomicLong();
        long[] end = new long[1];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            FeedbackReporter reporter = reporters.get(t % workers);
            int thread = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; System.nanoTime() < end[0]; i++) {
                    SolvedTask task = SolvedTask.of(InstantAdapter.ID, name + "-" + thread + "-" + i,
                            CaptchaType.RECAPTCHA_V2, "token");
                    long t0 = System.nanoTime();
                    ReportHandle handle = reporter.report(task, ACCEPTED);
                    handle.durable().thenRun(() -> {
                        long t1 = System.nanoTime();
                        if (t1 < end[0]) {
                            toCommit.recordValue(t1 - t0);
                            committed.incrementAndGet();
                        }
                    });
                    handle.delivery().thenRun(() -> {
                        allDecided.incrementAndGet();
                        if (System.nanoTime() < end[0]) {
                            decided.incrementAndGet();
                        }
                    });
                }
            }, "reporting-" + t);
            th.start();
            running.add(th);
        }
        long start = System.nanoTime();
        end[0] = start + Duration.ofSeconds(seconds).toNanos();
        go.countDown();
        for (Thread th : running) {
            th.join();
        }
        TimeUnit.MILLISECONDS.sleep(200);
        for (FeedbackReporter r : reporters) {
            r.close();
        }
        double commits = pg == null ? -1 : (double) (commits(pg) - commitsBefore) / Math.max(1, allDecided.get());
        return new Run(name, committed.get(), decided.get(), seconds, toCommit, commits);
    }
}
