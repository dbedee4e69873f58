package io.captchafeedback.postgres;

import io.captchafeedback.testkit.RecordingProvider;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reporter processes (separate JVMs, {@link FleetWorker}) on one real PostgreSQL server and one provider
 * that fails now and then: every due feedback is delivered exactly once fleet-wide, also when a worker is
 * killed with SIGKILL mid-stream (a survivor takes its claims over after the lease) and when the
 * database restarts during delivery.
 */
class FleetTest {
    private static final Logger LOG = LoggerFactory.getLogger(FleetTest.class);
    private static final long LEASE_MILLIS = 2_000;

    private PostgresServer db;
    private RecordingProvider provider;
    private final List<Process> processes = new ArrayList<>();

    /** One worker process and what it printed. */
    private static final class Worker {
        final Process process;
        final Set<String> returned = ConcurrentHashMap.newKeySet();
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);

        Worker(Process process) {
            this.process = process;
        }
    }

    @BeforeEach
    void start() throws IOException {
        db = PostgresServer.start();
        provider = RecordingProvider.start().faultRate(0.1);
    }

    @AfterEach
    void stop() throws IOException {
        processes.forEach(Process::destroyForcibly);
        provider.close();
        db.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fourWorkerProcessesWithOverlappingTaskIdsDeliverEveryFeedbackExactlyOnceFleetWide() throws Exception {
        int perWorker = 5_000;
        int step = 2_500; // each worker shares half its task ids with the next one
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(worker(w * step, perWorker, LEASE_MILLIS));
        }
        for (Worker w : workers) {
            assertThat(w.done.await(100, TimeUnit.SECONDS)).as("worker finished").isTrue();
            assertThat(w.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(w.process.exitValue()).isZero();
        }
        int distinct = 3 * step + perWorker;
        Map<String, Integer> statuses = statuses();
        LOG.info("4 workers, {} reports, {} distinct tasks, {} provider faults: {}", 4 * perWorker, distinct,
                provider.faults(), statuses);
        assertThat(statuses).containsOnlyKeys("DELIVERED");
        assertThat(statuses.get("DELIVERED")).isEqualTo(distinct);
        assertThat(provider.requests()).hasSize(distinct);
        assertThat(provider.requests().values()).allSatisfy(n -> assertThat(n.get()).as("requests per task").isEqualTo(1));
        assertThat(provider.faults()).isPositive();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aWorkerKilledMidStreamHasItsClaimsTakenOverAfterTheLeaseAndNothingCommittedIsLostOrSentTwice()
            throws Exception {
        provider.delay(20); // requests stay in flight: the victim dies holding claims
        Worker victim = worker(100_000, 3_000, LEASE_MILLIS);
        Worker a = worker(0, 1_500, LEASE_MILLIS);
        Worker b = worker(1_000, 1_500, LEASE_MILLIS);
        assertThat(victim.ready.await(30, TimeUnit.SECONDS)).isTrue();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (victim.returned.size() < 800 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        long killedAt = System.currentTimeMillis();
        victim.process.destroyForcibly(); // SIGKILL
        victim.process.waitFor(10, TimeUnit.SECONDS);
        Set<String> committed = Set.copyOf(victim.returned);
        for (Worker w : List.of(a, b)) {
            assertThat(w.done.await(100, TimeUnit.SECONDS)).as("survivor finished").isTrue();
            assertThat(w.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(w.process.exitValue()).isZero();
        }
        Map<String, String> victimRows = new HashMap<>();
        int takenOver;
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT task_id, state, status FROM captcha_feedback_outbox"
                    + " WHERE task_id >= 'task-100000'")) {
                while (rs.next()) {
                    assertThat(rs.getInt(2)).as("decided: " + rs.getString(1)).isEqualTo(1);
                    victimRows.put(rs.getString(1), rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM captcha_feedback_outbox WHERE task_id >= 'task-100000'"
                    + " AND decided_at > " + (killedAt + LEASE_MILLIS / 2))) {
                rs.next();
                takenOver = rs.getInt(1);
            }
        }
        LOG.info("victim: {} committed before the kill, {} rows, {} decided by survivors after the lease; statuses {}",
                committed.size(), victimRows.size(), takenOver, count(victimRows.values()));
        assertThat(victimRows.keySet()).containsAll(committed);
        assertThat(takenOver).as("rows decided by a survivor after the lease").isPositive();
        assertThat(victimRows.values()).allSatisfy(s -> assertThat(s).isIn("DELIVERED", "UNCERTAIN"));
        victimRows.forEach((id, status) -> {
            if (status.equals("DELIVERED")) {
                assertThat(provider.requests()).containsKey(id);
            }
        });
        assertThat(provider.requests().values()).allSatisfy(n -> assertThat(n.get()).as("requests per task").isEqualTo(1));
        assertThat(statuses().keySet()).isSubsetOf("DELIVERED", "UNCERTAIN");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theDatabaseRestartingDuringDeliveryLosesAndDuplicatesNothing() throws Exception {
        provider.delay(5);
        Worker a = worker(0, 2_000, 8_000);
        Worker b = worker(1_000, 2_000, 8_000);
        assertThat(a.ready.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(b.ready.await(30, TimeUnit.SECONDS)).isTrue();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (a.returned.size() + b.returned.size() < 1_000 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        db.stop();
        Thread.sleep(2_000);
        db.restart();
        for (Worker w : List.of(a, b)) {
            assertThat(w.done.await(100, TimeUnit.SECONDS)).as("worker finished").isTrue();
            assertThat(w.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(w.process.exitValue()).isZero();
        }
        Map<String, Integer> statuses = statuses();
        LOG.info("database restart: {} distinct tasks, statuses {}", 3_000, statuses);
        assertThat(provider.requests().values()).allSatisfy(n -> assertThat(n.get()).as("requests per task").isEqualTo(1));
        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3_000);
        assertThat(statuses.keySet()).isSubsetOf("DELIVERED", "UNCERTAIN");
        assertThat(provider.requests().size() + statuses.getOrDefault("UNCERTAIN", 0)).isGreaterThanOrEqualTo(3_000);
    }

    private Map<String, Integer> statuses() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(status, 'PENDING'), count(*) FROM captcha_feedback_outbox"
                        + " GROUP BY 1")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static Map<String, Integer> count(java.util.Collection<String> values) {
        Map<String, Integer> out = new HashMap<>();
        values.forEach(v -> out.merge(v, 1, Integer::sum));
        return out;
    }

    private Worker worker(int first, int count, long leaseMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), FleetWorker.class.getName(), db.url(),
                provider.baseUrl().toString(), String.valueOf(first), String.valueOf(count), String.valueOf(leaseMillis)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        Worker w = new Worker(p);
        AtomicInteger lines = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.incrementAndGet();
                    if (line.startsWith("RET ")) {
                        w.returned.add(line.substring(4));
                    } else if (line.startsWith("READY")) {
                        w.ready.countDown();
                    } else if (line.equals("DONE")) {
                        w.done.countDown();
                    } else if (line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("took over")) {
                        LOG.info("worker {}: {}", first, line);
                    }
                }
            } catch (IOException e) {
                LOG.debug("worker output: {}", e.toString());
            }
        }, "worker-output");
        reader.setDaemon(true);
        reader.start();
        return w;
    }
}
