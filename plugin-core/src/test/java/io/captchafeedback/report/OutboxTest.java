package io.captchafeedback.report;

import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.result;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The durable outbox: exclusivity, replay, torn tails, corruption, compaction, no keys on disk. */
class OutboxTest {
    private static final byte[] MAGIC = "CFO1".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path outbox;

    private RecordingProvider provider;

    @BeforeEach
    void startProvider() throws Exception {
        provider = RecordingProvider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private Path log() {
        return outbox.resolve(Outbox.LOG_FILE);
    }

    /** Reports {@code ids} while the provider is unreachable, and closes: they stay in the outbox. */
    private void leaveInOutbox(String... ids) {
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, ReporterFixture.UNREACHABLE)
                .closeTimeout(Duration.ZERO));
        List<ReportHandle> handles = new ArrayList<>();
        for (String id : ids) {
            handles.add(reporter.report(task(id), rejected()));
        }
        handles.forEach(h -> ReporterFixture.await(h.durable()));
        reporter.close();
    }

    private static List<Integer> recordOffsets(byte[] data) {
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i + 4 <= data.length; i++) {
            if (data[i] == MAGIC[0] && data[i + 1] == MAGIC[1] && data[i + 2] == MAGIC[2] && data[i + 3] == MAGIC[3]) {
                offsets.add(i);
            }
        }
        return offsets;
    }

    @Test
    void refusesASecondReporterOnTheSameOutboxNamingTheLockFile() {
        fixture.open(fixture.builder(outbox, provider.baseUrl()));

        assertThatThrownBy(() -> fixture.open(fixture.builder(outbox, provider.baseUrl())))
                .isInstanceOf(OutboxLockedException.class)
                .hasMessageContaining(outbox.resolve(Outbox.LOCK_FILE).toAbsolutePath().toString())
                .hasMessageContaining("already in use");
    }

    @Test
    void deliversAfterARestartWhatWasLeftInTheOutbox() {
        leaveInOutbox("left-1", "left-2", "left-3");
        assertThat(provider.recorded()).isEmpty();

        fixture.open(fixture.builder(outbox, provider.baseUrl()));

        await().atMost(ReporterFixture.WAIT).until(() -> provider.recorded().size() == 3);
        assertThat(provider.recorded()).containsExactlyInAnyOrder("left-1", "left-2", "left-3");
    }

    @Test
    void neverSendsTheSameTaskTwiceAcrossRestarts() {
        FeedbackReporter first = fixture.open(fixture.builder(outbox, provider.baseUrl()));
        assertThat(result(first.report(task("once-1"), rejected()))).isEqualTo(DeliveryStatus.DELIVERED);
        first.close();

        FeedbackReporter second = fixture.open(fixture.builder(outbox, provider.baseUrl()));

        assertThat(result(second.report(task("once-1"), accepted()))).isEqualTo(DeliveryStatus.DUPLICATE);
        assertThat(provider.requests().get("once-1").get()).isEqualTo(1);
    }

    @Test
    void cutsATornTailAndKeepsEveryWholeRecord() throws IOException {
        leaveInOutbox("torn-1", "torn-2");
        byte[] data = Files.readAllBytes(log());
        byte[] torn = new byte[data.length + 20];
        System.arraycopy(data, 0, torn, 0, data.length);
        System.arraycopy(data, 0, torn, data.length, 20); // half a record, as a crash mid-append leaves it
        Files.write(log(), torn);
        List<String> corruptions = new CopyOnWriteArrayList<>();

        fixture.open(fixture.builder(outbox, provider.baseUrl()).listener(new ReportListener() {
            @Override
            public void onOutboxCorrupted(Path file, long offset, String reason) {
                corruptions.add(reason);
            }
        }));

        await().atMost(ReporterFixture.WAIT).until(() -> provider.recorded().size() == 2);
        assertThat(corruptions).isEmpty();
    }

    @Test
    void reportsACorruptedRecordAndKeepsTheReadableOnes() throws IOException {
        leaveInOutbox("c-1", "c-2", "c-3");
        byte[] data = Files.readAllBytes(log());
        List<Integer> offsets = recordOffsets(data);
        assertThat(offsets).hasSize(3);
        data[offsets.get(1) + 30] ^= 0x5a; // flip bits inside the second record
        Files.write(log(), data);
        List<Long> corruptedAt = new CopyOnWriteArrayList<>();

        fixture.open(fixture.builder(outbox, provider.baseUrl()).listener(new ReportListener() {
            @Override
            public void onOutboxCorrupted(Path file, long offset, String reason) {
                corruptedAt.add(offset);
            }
        }));

        assertThat(corruptedAt).containsExactly((long) offsets.get(1));
        await().atMost(ReporterFixture.WAIT).until(() -> provider.recorded().size() == 2);
        assertThat(provider.recorded()).containsExactlyInAnyOrder("c-1", "c-3");
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(Outbox.LOG_FILE + ".corrupt-"));
        }
    }

    @Test
    void aFlippedByteInTheLastRecordIsCorruptionNotATornTail() throws IOException {
        leaveInOutbox("last-1", "last-2", "last-3");
        byte[] data = Files.readAllBytes(log());
        List<Integer> offsets = recordOffsets(data);
        assertThat(offsets).hasSize(3);
        data[offsets.get(2) + 30] ^= 0x01; // one bit inside the last, complete record
        Files.write(log(), data);
        List<String> reasons = new CopyOnWriteArrayList<>();
        List<Long> corruptedAt = new CopyOnWriteArrayList<>();

        fixture.open(fixture.builder(outbox, provider.baseUrl()).listener(new ReportListener() {
            @Override
            public void onOutboxCorrupted(Path file, long offset, String reason) {
                corruptedAt.add(offset);
                reasons.add(reason);
            }
        }));

        assertThat(corruptedAt).containsExactly((long) offsets.get(2));
        assertThat(reasons.get(0)).startsWith("a complete record whose checksum fails");
        await().atMost(ReporterFixture.WAIT).until(() -> provider.recorded().size() == 2);
        assertThat(provider.recorded()).containsExactlyInAnyOrder("last-1", "last-2");
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(Outbox.LOG_FILE + ".corrupt-"));
        }
    }

    @Test
    void compactsCompletedEntriesAndStillRemembersTheirKeys() throws IOException {
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl()).compactAfter(64 * 1024));
        for (int batch = 0; batch < 20; batch++) {
            List<ReportHandle> handles = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                handles.add(reporter.report(task("compact-" + (batch * 100 + i)), rejected()));
            }
            handles.forEach(h -> assertThat(result(h).isDelivered()).as(h.key()).isTrue());
        }
        reporter.close();

        // uncompacted, 2000 enqueue and 2000 done records take about 350 KB
        assertThat(Files.size(log())).isLessThan(160 * 1024);
        FeedbackReporter again = fixture.open(fixture.builder(outbox, provider.baseUrl()));
        assertThat(Files.size(log())).isLessThan(2000 * 32);
        for (int i = 0; i < 2000; i += 97) {
            assertThat(result(again.report(task("compact-" + i), rejected()))).isEqualTo(DeliveryStatus.DUPLICATE);
        }
        assertThat(provider.recorded()).hasSize(2000);
        assertThat(provider.requests().values()).allMatch(n -> n.get() == 1);
    }

    @Test
    void forcesEveryRecordWhenTheGroupCommitIntervalIsZero() {
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl()).groupCommit(Duration.ZERO));
        List<ReportHandle> handles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            handles.add(reporter.report(task("zero-" + i), rejected()));
        }

        handles.forEach(h -> ReporterFixture.await(h.durable()));
        ReporterFixture.assertAll(handles, DeliveryStatus.DELIVERED);
    }

    @Test
    void inSynchronousModeEveryReportThatReturnedIsAlreadyInTheLogFromFourThreadsAgainstAFaultyProvider()
            throws Exception {
        provider.faulty(true);
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl(), null, false)
                .commitMode(CommitMode.SYNC));
        List<String> missing = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    String id = String.format("sync-t%d-%03d", thread, i);
                    ReportHandle handle = reporter.report(task(id), i % 2 == 0 ? rejected() : accepted());
                    boolean durable = handle.durable().isDone() && !handle.durable().isCompletedExceptionally();
                    String log;
                    try {
                        log = new String(Files.readAllBytes(log()), StandardCharsets.ISO_8859_1);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (!durable || !log.contains(id)) {
                        missing.add(id + (durable ? "" : " (durable not complete)"));
                    }
                }
            }, "sync-reporter-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(ReporterFixture.WAIT.toMillis());
        }
        assertThat(missing).as("reports that returned before their record was in the log").isEmpty();
    }

    @Test
    void writesNoApiKeyToDisk() throws IOException {
        leaveInOutbox("key-1", "key-2");
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl()));
        result(reporter.report(task("key-3"), rejected()));
        reporter.close();

        byte[] key = ReporterFixture.KEY.reveal().getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(new String(key, StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(Files.readAllBytes(log())).isNotEmpty();
    }
}
