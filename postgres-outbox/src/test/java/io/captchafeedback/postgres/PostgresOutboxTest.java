package io.captchafeedback.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.Feedback;
import io.captchafeedback.report.spi.StoredFeedback;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The claim contract of {@link PostgresOutbox} on a real server, two workers in one JVM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresOutboxTest {
    private static PostgresServer db;

    @BeforeAll
    static void start() {
        db = PostgresServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    private static StoredFeedback stored(String taskId, long key) {
        return new StoredFeedback(key, Feedback.accepted(FleetWorker.task(taskId)), "site0.example",
                System.currentTimeMillis(), System.currentTimeMillis() + 60_000, false, false);
    }

    @Test
    void aKeyIsStoredOnceAndOnlyTheWorkerHoldingTheClaimMayAttemptIt() throws Exception {
        try (PostgresOutbox a = PostgresOutbox.builder(db.dataSource()).worker("a").build();
                PostgresOutbox b = PostgresOutbox.builder(db.dataSource()).worker("b").build()) {
            assertThat(a.insert(stored("once-1", 11)).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(b.insert(stored("once-1", 11)).get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(b.attempt(11).get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(a.attempt(11).get(10, TimeUnit.SECONDS)).isTrue();
            a.done(11, System.currentTimeMillis() + 60_000, "DELIVERED").get(10, TimeUnit.SECONDS);
            assertThat(a.attempt(11).get(10, TimeUnit.SECONDS)).as("decided: no more attempts").isFalse();
            assertThat(b.insert(stored("once-1", 11)).get(10, TimeUnit.SECONDS)).as("kept while retained").isFalse();
        }
    }

    @Test
    void theClaimsOfAWorkerThatStopsRenewingAreTakenOverAfterTheLeaseWithTheirAttemptAndItLosesThem() throws Exception {
        List<StoredFeedback> taken = new CopyOnWriteArrayList<>();
        try (PostgresOutbox dead = PostgresOutbox.builder(db.dataSource()).worker("dead").lease(Duration.ofMillis(300)).build();
                PostgresOutbox alive = PostgresOutbox.builder(db.dataSource()).worker("alive").lease(Duration.ofMillis(300)).build()) {
            assertThat(dead.insert(stored("lease-1", 21)).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(dead.insert(stored("lease-2", 22)).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(dead.attempt(21).get(10, TimeUnit.SECONDS)).isTrue();
            // "dead" never starts: nothing renews its claims
            alive.start(taken::addAll);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (taken.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(taken).extracting(StoredFeedback::key).containsExactlyInAnyOrder(21L, 22L);
            assertThat(taken).filteredOn(f -> f.key() == 21).singleElement()
                    .satisfies(f -> assertThat(f.attempted()).isTrue());
            assertThat(taken).filteredOn(f -> f.key() == 22).singleElement()
                    .satisfies(f -> assertThat(f.feedback().task().taskId()).isEqualTo("lease-2"));
            assertThat(dead.attempt(22).get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(alive.attempt(22).get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void insertsWaitingTogetherShareOneStatementAndARowTheDatabaseRefusesFailsAloneWithTheOutboxNamed()
            throws Exception {
        try (PostgresOutbox a = PostgresOutbox.builder(db.dataSource()).worker("batch").poolSize(2).build()) {
            List<CompletableFuture<Boolean>> stored = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                stored.add(a.insert(stored("batch-" + i, 1_000 + i)));
            }
            for (CompletableFuture<Boolean> f : stored) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isTrue();
            }
            long[] figures = a.batchFigures();
            assertThat(figures[1]).isEqualTo(100);
            assertThat(figures[0]).as("statements for 100 inserts").isLessThan(10);

            stored.clear();
            CompletableFuture<Boolean> refused = null;
            for (int i = 100; i < 200; i++) {
                if (i == 150) { // PostgreSQL text takes no NUL character
                    refused = a.insert(new StoredFeedback(1_000 + i, new Feedback(FleetWorker.task("batch-" + i), false,
                            null, "bad\u0000message"), "site0.example", System.currentTimeMillis(),
                            System.currentTimeMillis() + 60_000, false, false));
                } else {
                    stored.add(a.insert(stored("batch-" + i, 1_000 + i)));
                }
            }
            for (CompletableFuture<Boolean> f : stored) {
                assertThat(f.get(20, TimeUnit.SECONDS)).as("the others are stored").isTrue();
            }
            CompletableFuture<Boolean> failure = refused;
            assertThatThrownBy(() -> failure.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outbox a DataSource").hasMessageContaining("insert of 1)");
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM captcha_feedback_outbox WHERE task_id LIKE 'batch-%'"); // not for other tests
            }
        }
    }

    @Test
    void aSchemaNewerThanTheLibraryIsRefusedWithBothVersionsNamed() throws Exception {
        try (PostgresServer other = PostgresServer.start()) {
            PostgresOutbox.builder(other.dataSource()).build().close();
            try (Connection c = other.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO captcha_feedback_schema (version) VALUES (" + (Schema.current() + 1) + ")");
            }
            assertThatThrownBy(() -> PostgresOutbox.builder(other.url(), "postgres", null).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("version " + (Schema.current() + 1))
                    .hasMessageContaining("this library's " + Schema.current());
        }
    }
}
