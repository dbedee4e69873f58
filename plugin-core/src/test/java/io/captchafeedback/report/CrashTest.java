package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A reporter killed with SIGKILL loses nothing it acknowledged as durable. */
class CrashTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashTest.class);
    private static final int REPORTS = 5_000;

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path outbox;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void deliversEveryAcknowledgedVerdictAfterTheReporterIsKilledAtARandomMoment() throws Exception {
        try (RecordingProvider provider = RecordingProvider.start()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    CrashChild.class.getName(), outbox.toString(), provider.baseUrl().toString(), String.valueOf(REPORTS)))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("ACK ")) {
                            acknowledged.add(line.substring(4).trim());
                        }
                    }
                } catch (Exception e) {
                    // the child died
                }
            }, "crash-child-reader");
            reader.start();
            try {
                await().atMost(Duration.ofSeconds(40)).until(() -> acknowledged.size() >= 100 || !child.isAlive());
                assertThat(child.isAlive()).as("child alive").isTrue();

                // while the child holds the outbox, nobody else may open it
                assertThatThrownBy(() -> fixture.open(fixture.builder(outbox, provider.baseUrl())))
                        .isInstanceOf(OutboxLockedException.class);

                // kill it in mid-stream, once a random number of verdicts were acknowledged
                int killAt = ThreadLocalRandom.current().nextInt(200, REPORTS * 3 / 4);
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(2))
                        .until(() -> acknowledged.size() >= killAt || !child.isAlive());
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            reader.join(5000);
            Set<String> acked = new HashSet<>(acknowledged);
            int recordedAtKill = provider.recorded().size();

            fixture.open(fixture.builder(outbox, provider.baseUrl()));

            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(50))
                    .until(() -> provider.recorded().containsAll(acked));
            long resent = provider.requests().values().stream().filter(n -> n.get() > 1).count();
            LOG.info("killed after {} acknowledged of {} reports ({} delivered at the kill); {} delivered now; "
                    + "{} sent again and answered 'already recorded'", acked.size(), REPORTS, recordedAtKill,
                    provider.recorded().size(), resent);
            assertThat(acked).isNotEmpty();
            // A task reaches the provider again only when the kill (or a request timeout) came between its
            // delivery and the durable record of that delivery; RecordingProvider answers every repeat
            // "already recorded", which the reporter counts as delivered. Only delivered tasks can repeat.
            assertThat(resent).isLessThanOrEqualTo(recordedAtKill);
            assertThat(provider.requests().values()).allMatch(n -> n.get() <= 3);
        }
    }
}
