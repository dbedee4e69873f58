package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Feedback;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reporter in a child JVM, under load from four threads and against a provider that fails, stalls and
 * drops answers after recording, is killed with SIGKILL at a random moment, over and over; a reporter
 * opened on its outbox afterwards finishes the work. Nothing that returned from {@code report()} more
 * than the group-commit interval plus one disk sync before the kill is lost (in synchronous mode,
 * nothing that returned at all, and no report returns before its record is on disk), and a provider without
 * an answer to a repeat never gets a report twice. A report decided UNCERTAIN (its request went out, the
 * answer is unknown, the provider has no answer to a repeat) is counted, not lost, whether the child
 * decided it before the kill or the reporter after it; each lost report is described (what the child
 * decided, whether the log it left has the record) so that a failure tells where it went.
 */
class CrashTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashTest.class);
    private static final int TRIALS_PER_CASE = 5;
    private static final int THREADS = 4;
    /**
     * Scheduling slack on a loaded machine: the writer thread of a child competing with other builds for
     * two cores may wait a few milliseconds for a core.
     */
    private static final Duration SLACK = Duration.ofMillis(5);

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path dir;

    /** What one trial saw. */
    private record Trial(int returned, int recorded, int uncertain, int lost, long oldestLostMicros, int duplicates,
            long boundMicros, int returnedBeforeDisk, String lostReports) {
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void losesNothingThatReturnedLongerThanOneGroupCommitBeforeAKillAndSendsNothingTwiceToAProviderWithoutADuplicateAnswer()
            throws Exception {
        Map<String, List<Trial>> trials = new HashMap<>();
        try (RecordingProvider provider = RecordingProvider.start()) {
            provider.faulty(true);
            int n = 0;
            for (CommitMode mode : CommitMode.values()) {
                for (boolean answersRepeats : new boolean[] {false, true}) {
                    for (int t = 0; t < TRIALS_PER_CASE; t++) {
                        Trial trial = trial(provider, dir.resolve("outbox-" + n++), mode, answersRepeats);
                        trials.computeIfAbsent(mode + (answersRepeats ? " answers repeats" : " no duplicate answer"),
                                k -> new ArrayList<>()).add(trial);
                    }
                }
            }
        }
        trials.forEach((name, list) -> {
            long returned = list.stream().mapToLong(Trial::returned).sum();
            long lost = list.stream().mapToLong(Trial::lost).sum();
            long uncertain = list.stream().mapToLong(Trial::uncertain).sum();
            long duplicates = list.stream().mapToLong(Trial::duplicates).sum();
            long oldest = list.stream().mapToLong(Trial::oldestLostMicros).max().orElse(0);
            long bound = list.stream().mapToLong(Trial::boundMicros).max().orElse(0);
            long recorded = list.stream().mapToLong(Trial::recorded).sum();
            LOG.info("kill test, {}: {} trials, {} reports returned before the kill, {} reached the provider, {} lost "
                    + "(the oldest had returned {} µs before the kill; bound up to {} µs), {} uncertain, {} sent twice", name,
                    list.size(), returned, recorded, lost, oldest, bound, uncertain, duplicates);
        });
        for (Map.Entry<String, List<Trial>> e : trials.entrySet()) {
            for (Trial trial : e.getValue()) {
                assertThat(trial.returned()).as(e.getKey()).isGreaterThan(0);
                if (e.getKey().startsWith("SYNC")) {
                    assertThat(trial.returnedBeforeDisk()).as(e.getKey() + ": returned before on disk " + trial).isZero();
                    assertThat(trial.lost()).as(e.getKey() + ": lost " + trial).isZero();
                } else {
                    assertThat(trial.oldestLostMicros()).as(e.getKey() + ": lost " + trial).isLessThan(trial.boundMicros());
                }
                if (e.getKey().endsWith("no duplicate answer")) {
                    assertThat(trial.duplicates()).as(e.getKey() + ": sent twice " + trial).isZero();
                }
            }
        }
    }

    private Trial trial(RecordingProvider provider, Path outbox, CommitMode mode, boolean answersRepeats)
            throws Exception {
        Files.createDirectories(outbox);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), outbox.toString(),
                provider.baseUrl().toString(), mode.name(), String.valueOf(answersRepeats), String.valueOf(THREADS),
                outbox.getFileName() + "-"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ChildOutput seen = new ChildOutput();
        Thread reader = new Thread(() -> read(child, seen), "crash-child-reader");
        reader.start();
        long killedAt;
        try {
            assertThat(seen.ready.await(30, TimeUnit.SECONDS)).as("child ready").isTrue();
            while (seen.returned.size() < 50 && child.isAlive()) {
                Thread.sleep(5);
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(50, 700));
            assertThat(child.isAlive()).as("child alive").isTrue();
            killedAt = System.nanoTime();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        // every line the child wrote is read before anything is counted: a report read later would be
        // counted without having been waited for
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(reader.isAlive()).as("the child's output read to its end").isFalse();
        Map<String, Long> returned = seen.returned;
        // a report that returned during a disk sync waits for it, then for the interval, then for its own
        long bound = CrashChild.GROUP_COMMIT.toNanos() + 2 * seen.longestForce.get() + SLACK.toNanos();
        // what the child left behind, for the diagnosis of a loss (the reporter below compacts the log)
        Path before = outbox.resolveSibling(outbox.getFileName() + "-as-killed");
        Files.createDirectories(before);
        Files.copy(outbox.resolve(Outbox.LOG_FILE), before.resolve(Outbox.LOG_FILE));

        Set<String> uncertain = ConcurrentHashMap.newKeySet();
        FeedbackReporter after = fixture.open(fixture.builder(outbox, provider.baseUrl(), null, answersRepeats)
                .listener(new ReportListener() {
                    @Override
                    public void onUncertain(Feedback feedback, int attempts, String reason) {
                        uncertain.add(feedback.task().taskId());
                    }
                }));
        // An UNCERTAIN decision (the request went out, its answer is unknown, the provider has no answer to a
        // repeat) is counted and reported, not lost, whether the child or the reporter after it made it.
        java.util.function.Predicate<String> settled = id -> provider.recorded().contains(id) || uncertain.contains(id)
                || seen.decided.get(id) == DeliveryStatus.UNCERTAIN;
        // wait until everything due has arrived or was decided UNCERTAIN (a loss never does: then the figures
        // below tell): in synchronous mode every report that returned, else those old enough
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end && !returned.entrySet().stream()
                .filter(e -> mode == CommitMode.SYNC || killedAt - e.getValue() > bound)
                .allMatch(e -> settled.test(e.getKey()))) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        after.close();

        // A report the child had already decided when it died (its done record is in the log as killed) was
        // not lost, even if the child's line saying so did not get out before the kill.
        List<String> unsettled = returned.keySet().stream()
                .filter(id -> !provider.recorded().contains(id) && !settled.test(id)).toList();
        Set<String> decidedUnsaid = doneInLog(before, unsettled);
        int lost = 0;
        long oldestLost = 0;
        int recorded = 0;
        List<String> lostIds = new ArrayList<>();
        for (Map.Entry<String, Long> e : returned.entrySet()) {
            if (provider.recorded().contains(e.getKey())) {
                recorded++;
            } else if (!settled.test(e.getKey()) && !decidedUnsaid.contains(e.getKey())) {
                lost++;
                lostIds.add(e.getKey());
                oldestLost = Math.max(oldestLost, (killedAt - e.getValue()) / 1000);
            }
        }
        int duplicates = (int) returned.keySet().stream()
                .filter(id -> provider.requests().containsKey(id) && provider.requests().get(id).get() > 1).count();
        int childUncertain = (int) returned.keySet().stream()
                .filter(id -> seen.decided.get(id) == DeliveryStatus.UNCERTAIN && !uncertain.contains(id)).count();
        Trial trial = new Trial(returned.size(), recorded, uncertain.size() + childUncertain + decidedUnsaid.size(), lost, oldestLost,
                duplicates, bound / 1000, seen.notDurable.size(), lostIds.isEmpty() ? "" : diagnose(lostIds, seen, before,
                killedAt, provider));
        LOG.info("{} ({}): {}", mode, answersRepeats ? "answers repeats" : "no duplicate answer", trial);
        return trial;
    }

    /** Which of {@code ids} the child had completed (a done record in its log) when it was killed. */
    private static Set<String> doneInLog(Path asKilled, List<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Outbox copy = Outbox.open(asKilled, Duration.ZERO, Long.MAX_VALUE, SafeListener.of(ReportListener.NONE));
        try {
            long now = System.currentTimeMillis();
            Outbox.Replay replay = copy.replay(now);
            Set<String> done = new java.util.HashSet<>();
            for (String id : ids) {
                long hash = KeyIndex.hash(ReporterFixture.PROVIDER, id);
                if (replay.pending().stream().noneMatch(e -> e.hash == hash) && replay.completed().contains(hash, now)) {
                    done.add(id);
                }
            }
            return done;
        } finally {
            copy.close();
        }
    }

    /** Where each lost report was when the child died: in its outbox log or not, and what the child decided. */
    private static String diagnose(List<String> lostIds, ChildOutput seen, Path asKilled, long killedAt,
            RecordingProvider provider) {
        Outbox copy = Outbox.open(asKilled, Duration.ZERO, Long.MAX_VALUE, SafeListener.of(ReportListener.NONE));
        try {
            long now = System.currentTimeMillis();
            Outbox.Replay replay = copy.replay(now);
            StringBuilder b = new StringBuilder();
            for (String id : lostIds) {
                long hash = KeyIndex.hash(ReporterFixture.PROVIDER, id);
                Entry pending = replay.pending().stream().filter(e -> e.hash == hash).findFirst().orElse(null);
                String inLog = pending != null ? (pending.attempted ? "pending, attempted" : "pending, not attempted")
                        : replay.completed().contains(hash, now) ? "done" : "absent";
                b.append(String.format(" [%s returned %d µs before the kill%s; child decided %s; in the log as killed: %s;"
                        + " requests seen by the provider %s]", id, (killedAt - seen.returned.get(id)) / 1000,
                        seen.notDurable.contains(id) ? " before its record was on disk" : "",
                        seen.decided.getOrDefault(id, null), inLog, provider.requests().get(id)));
            }
            return b.toString();
        } finally {
            copy.close();
        }
    }

    /** What the reader took from the child's output. */
    private static final class ChildOutput {
        final CountDownLatch ready = new CountDownLatch(1);
        /** Task id to the {@code System.nanoTime()} its report() returned at. */
        final Map<String, Long> returned = new ConcurrentHashMap<>();
        /** Task ids whose record was not on disk when report() returned. */
        final Set<String> notDurable = ConcurrentHashMap.newKeySet();
        /** What the child decided, by task id. */
        final Map<String, DeliveryStatus> decided = new ConcurrentHashMap<>();
        final AtomicLong longestForce = new AtomicLong();
    }

    /** Reads the child's lines until it dies: READY, then RET, DEC and FORCE lines (and the child's log). */
    private static void read(Process child, ChildOutput seen) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] parts = line.split(" ");
                try {
                    if (line.equals("READY")) {
                        seen.ready.countDown();
                    } else if (parts[0].equals("FORCE") && parts.length == 2) {
                        seen.longestForce.set(Long.parseLong(parts[1].trim()));
                    } else if (parts[0].equals("RET") && parts.length == 4) {
                        if (parts[3].equals("pending")) {
                            seen.notDurable.add(parts[1]);
                        }
                        seen.returned.put(parts[1], Long.parseLong(parts[2]));
                    } else if (parts[0].equals("DEC") && parts.length == 3) {
                        seen.decided.put(parts[1], DeliveryStatus.valueOf(parts[2]));
                    }
                } catch (IllegalArgumentException e) {
                    // the child died mid-line
                }
            }
        } catch (IOException e) {
            // the child died
        }
    }
}
