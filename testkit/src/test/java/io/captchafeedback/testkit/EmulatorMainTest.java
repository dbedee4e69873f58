package io.captchafeedback.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void printsTheBaseUrlsAndKeysThenServesUntilStopped() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> EmulatorMain.run(stop,
                new PrintWriter(out, true), new PrintWriter(err, true), "--port", "0", "--demo-site"),
                runnable -> new Thread(runnable, "emulator-main").start());
        try {
            Awaitility.await().atMost(10, TimeUnit.SECONDS).alias("out: " + out + " err: " + err)
                    .until(() -> out.toString().contains("Press Ctrl+C") || exit.isDone());
            assertThat(err.toString()).isEmpty();
            String printed = out.toString();
            assertThat(printed).contains("anticaptcha", "key anticaptcha-emulator-key", "Demo site on http://127.0.0.1:");
            Matcher m = Pattern.compile("Provider emulator on (http://127\\.0\\.0\\.1:\\d+)").matcher(printed);
            assertThat(m.find()).isTrue();
            HttpResponse<String> index = Http.get(m.group(1) + "/");
            assertThat(index.body()).contains("ucaptcha", "siteverify");
        } finally {
            stop.countDown();
        }
        assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void refusesABadTokenRateWithAClearMessage() {
        StringWriter err = new StringWriter();
        int code = EmulatorMain.run(new CountDownLatch(0), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), "--port", "0", "--bad-token-rate", "2");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--bad-token-rate must be within 0..1");
    }
}
