package io.captchafeedback.samples.demo;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.CaptchaType;
import io.captchafeedback.Evidence;
import io.captchafeedback.Outcome;
import io.captchafeedback.SolvedTask;
import io.captchafeedback.Verdict;
import io.captchafeedback.config.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.ReportHandle;
import io.captchafeedback.testkit.ProviderEmulator;
import io.captchafeedback.testkit.ReceivedFeedback;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo behind the README's first command: starts the testkit's provider emulator in process,
 * configures every built-in provider adapter against it, reports an accepted, a rejected and a
 * "rejected for another reason" verdict per provider through the durable reporter, and prints what was
 * sent and what each provider answered. It checks its own table and exits non-zero when a row is wrong.
 *
 * <pre>{@code
 * ./run-demo.sh            # or: ./mvnw -q -pl samples exec:java
 * }</pre>
 */
public final class Demo {

    /** One row of the table: what was reported and what came of it. */
    record Row(String provider, SolvedTask task, Outcome outcome, DeliveryStatus status, String answer, boolean ok) {
    }

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        int failures = run(System.out);
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Runs the demo, prints its table to {@code out} and returns the number of rows that went wrong. */
    public static int run(PrintStream out) throws Exception {
        Path outbox = Files.createTempDirectory("captcha-feedback-demo-outbox");
        List<Row> rows = new ArrayList<>();
        try (ProviderEmulator emulator = ProviderEmulator.start()) {
            CaptchaFeedbackConfig.Builder config = CaptchaFeedbackConfig.builder();
            List<String> ids = List.of(ProviderTypes.UCAPTCHA, ProviderTypes.REGOTCHA, ProviderTypes.CAPSOLVER,
                    ProviderTypes.TWOCAPTCHA, ProviderTypes.ANTICAPTCHA, ProviderTypes.CAPMONSTER,
                    ProviderTypes.NEXTCAPTCHA);
            for (String id : ids) {
                config.provider(new ProviderSettings(id, id, ApiKey.of(emulator.apiKey(id)),
                        emulator.baseUri(id), Duration.ofSeconds(5), Map.of()));
            }
            // Any other feedbackTask-compatible service goes through the generic adapter; here it talks to
            // the emulated uCaptcha API, which speaks result.invalid.
            config.provider(new ProviderSettings("my-router", ProviderTypes.GENERIC,
                    ApiKey.of(emulator.apiKey(ProviderTypes.UCAPTCHA)), emulator.baseUri(ProviderTypes.UCAPTCHA),
                    Duration.ofSeconds(5), Map.of("style", "invalid")));

            out.println("captcha-feedback demo: provider emulator at " + emulator.baseUrl() + ", outbox " + outbox);
            try (CaptchaFeedback feedback = CaptchaFeedback.builder().config(config.build()).outbox(outbox).build()) {
                for (String id : feedback.providers().orElseThrow().ids()) {
                    String emulated = id.equals("my-router") ? ProviderTypes.UCAPTCHA : id;
                    for (Outcome outcome : List.of(Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.REJECTED_OTHER)) {
                        SolvedTask solved = emulator.solve(emulated, CaptchaType.RECAPTCHA_V2,
                                "https://shop.example/login", "6LcDemoSiteKey");
                        SolvedTask task = new SolvedTask(id, solved.taskId(), solved.type(), solved.token(),
                                solved.solvedAt(), solved.pageUrl(), solved.siteKey());
                        Verdict verdict = Verdict.of(outcome, Evidence.of("demo: " + outcome.name().toLowerCase()));
                        out.printf("  reporting %-11s %-16s %s%n", id, outcome, task.taskId());
                        ReportHandle handle = feedback.reporter().report(task, verdict);
                        DeliveryStatus status = handle.result().get(20, TimeUnit.SECONDS);
                        List<ReceivedFeedback> received = emulator.feedbackFor(emulated, task.taskId());
                        rows.add(check(id, task, outcome, status, received,
                                feedback.providers().orElseThrow().adapter(id).orElseThrow()
                                        .capabilities().supports(task.type(), outcome == Outcome.ACCEPTED)));
                    }
                }
            }
        }
        print(out, rows);
        long failures = rows.stream().filter(r -> !r.ok()).count();
        out.println(failures == 0
                ? "All " + rows.size() + " rows as expected: feedback sent exactly where it was due."
                : failures + " of " + rows.size() + " rows NOT as expected.");
        return (int) failures;
    }

    private static Row check(String id, SolvedTask task, Outcome outcome, DeliveryStatus status,
            List<ReceivedFeedback> received, boolean supported) {
        String answer;
        boolean ok;
        if (!outcome.sendsFeedback()) {
            answer = "nothing sent (not the captcha's fault)";
            ok = status == DeliveryStatus.SKIPPED && received.isEmpty();
        } else if (!supported) {
            answer = "nothing sent (provider takes no such report)";
            ok = status == DeliveryStatus.SKIPPED && received.isEmpty();
        } else {
            ReceivedFeedback got = received.isEmpty() ? null : received.get(0);
            answer = got == null ? "provider received nothing"
                    : (got.positive() ? "positive" : "negative") + " via " + got.endpoint()
                            + (got.recorded() ? ", recorded" : ", refused " + got.errorCode());
            ok = status.isDelivered() && received.size() == 1 && got.recorded()
                    && got.positive() == (outcome == Outcome.ACCEPTED);
        }
        return new Row(id, task, outcome, status, answer, ok);
    }

    private static void print(PrintStream out, List<Row> rows) {
        String format = "%-12s %-14s %-17s %-17s %-52s %s%n";
        out.println();
        out.printf(format, "provider", "task", "verdict", "delivery", "provider's side", "check");
        out.printf(format, "-".repeat(12), "-".repeat(14), "-".repeat(17), "-".repeat(17), "-".repeat(52), "-----");
        for (Row r : rows) {
            String task = r.task().taskId().length() > 14 ? r.task().taskId().substring(0, 13) + "…" : r.task().taskId();
            out.printf(format, r.provider(), task, r.outcome(), r.status(), r.answer(), r.ok() ? "ok" : "WRONG");
        }
        out.println();
    }
}
