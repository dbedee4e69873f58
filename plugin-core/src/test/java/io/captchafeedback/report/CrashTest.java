package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.Feedback;
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
 * nothing that returned at all), and a provider without an answer to a repeat never gets a report twice.
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
            long boundMicros) {
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
        Map<String, Long> returned = new ConcurrentHashMap<>();
        AtomicLong longestForce = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(child, returned, longestForce, ready), "crash-child-reader");
        reader.start();
        long killedAt;
        try {
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("child ready").isTrue();
            while (returned.size() < 50 && child.isAlive()) {
                Thread.sleep(5);
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(50, 700));
            assertThat(child.isAlive()).as("child alive").isTrue();
            killedAt = System.nanoTime();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        reader.join(5_000);
        // a report that returned during a disk sync waits for it, then for the interval, then for its own
        long bound = CrashChild.GROUP_COMMIT.toNanos() + 2 * longestForce.get() + SLACK.toNanos();

        Set<String> uncertain = ConcurrentHashMap.newKeySet();
        FeedbackReporter after = fixture.open(fixture.builder(outbox, provider.baseUrl(), null, answersRepeats)
                .listener(new ReportListener() {
                    @Override
                    public void onUncertain(Feedback feedback, int attempts, String reason) {
                        uncertain.add(feedback.task().taskId());
                    }
                }));
        // wait until everything old enough arrived or was decided UNCERTAIN (a loss never does: then the
        // figures below tell), and give the rest a moment too
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end && !returned.entrySet().stream()
                .filter(e -> killedAt - e.getValue() > bound)
                .allMatch(e -> provider.recorded().contains(e.getKey()) || uncertain.contains(e.getKey()))) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        after.close();

        int lost = 0;
        long oldestLost = 0;
        int recorded = 0;
        for (Map.Entry<String, Long> e : returned.entrySet()) {
            if (provider.recorded().contains(e.getKey())) {
                recorded++;
            } else if (!uncertain.contains(e.getKey())) {
                lost++;
                oldestLost = Math.max(oldestLost, (killedAt - e.getValue()) / 1000);
            }
        }
        int duplicates = (int) returned.keySet().stream()
                .filter(id -> provider.requests().containsKey(id) && provider.requests().get(id).get() > 1).count();
        Trial trial = new Trial(returned.size(), recorded, uncertain.size(), lost, oldestLost, duplicates, bound / 1000);
        LOG.info("{} ({}): {}", mode, answersRepeats ? "answers repeats" : "no duplicate answer", trial);
        return trial;
    }

    /** Reads the child's lines until it dies: READY, then RET and FORCE lines. */
    private static void read(Process child, Map<String, Long> returned, AtomicLong longestForce, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("READY")) {
                    ready.countDown();
                } else if (line.startsWith("FORCE ")) {
                    longestForce.set(Long.parseLong(line.substring(6).trim()));
                } else if (line.startsWith("RET ")) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3) {
                        returned.put(parts[1], Long.parseLong(parts[2]));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the child died mid-line
        }
    }
}
