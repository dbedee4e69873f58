package io.captchafeedback.samples.demo;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderCapabilities;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.report.Delivery;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks each flow against what should have happened: the verdict is the one the page's reaction calls
 * for; feedback goes out exactly when it is due (a verdict that blames or clears the captcha, and a
 * provider that takes such a report for this captcha type) and never otherwise. On the emulator the
 * provider must have recorded it exactly once with the right polarity; with real providers each due
 * feedback must have got an answer, and the local emulator must have received nothing.
 */
final class SelfCheck {

    private final ProviderPlan plan;
    private final ProviderRegistry providers;
    private final ProviderEmulator emulator;

    SelfCheck(ProviderPlan plan, ProviderRegistry providers, ProviderEmulator emulator) {
        this.plan = plan;
        this.providers = providers;
        this.emulator = emulator;
    }

    /** Whether feedback is due for the flow's expected verdict at its provider. */
    boolean due(Flow flow) {
        Outcome expected = flow.expectedOutcome();
        return expected.sendsFeedback() && adapter(flow).capabilities()
                .supports(flow.page().widget().captchaType(), expected == Outcome.ACCEPTED);
    }

    /** The row of a flow; {@code answer} is {@code null} when the delivery was not decided in time. */
    Row check(FlowResult result, Delivery answer) {
        Flow flow = result.flow();
        if (result.verdict() == null) {
            return new Row(flow, result.task(), null, "", "none: no verdict", "", false,
                    result.failure() == null ? "no verdict" : result.failure(), result.took());
        }
        Outcome outcome = result.verdict().verdict().outcome();
        String rule = result.verdict().verdict().evidence().rule();
        List<String> problems = new ArrayList<>();
        if (outcome != flow.expectedOutcome()) {
            problems.add("expected " + flow.expectedOutcome());
        }
        String feedback;
        String said = "";
        if (answer == null) {
            feedback = outcome.sendsFeedback() ? polarity(outcome) : "none";
            problems.add("delivery not finished in time");
        } else if (answer.status() == DeliveryStatus.SKIPPED) {
            feedback = "none: " + whyNothing(flow, outcome, answer);
        } else if (answer.attempts() == 0) {                        // withheld: breaker open, provider disabled...
            feedback = "none: " + answer.answer().replaceFirst("^not sent: ", "");
        } else {
            feedback = polarity(outcome);
            said = answer.answer();
        }

        List<ReceivedFeedback> received = emulator.feedbackFor(
                plan.emulatedType(flow.provider(), adapter(flow)), result.task().taskId());
        boolean due = due(flow);
        if (answer != null) {
            if (due && answer.status() == DeliveryStatus.SKIPPED) {
                problems.add("feedback was due but not sent");
            } else if (!due && answer.status() != DeliveryStatus.SKIPPED) {
                problems.add("feedback sent though none was due (" + answer.status() + ")");
            }
        }
        if (plan.realProviders()) {
            if (!received.isEmpty()) {
                problems.add("the local emulator got feedback meant for a configured provider");
            }
            if (due && answer != null && answer.status() != DeliveryStatus.SKIPPED && !answered(answer)) {
                problems.add("no answer from the provider (" + answer.status() + ")");
            }
        } else if (due) {
            boolean positive = flow.expectedOutcome() == Outcome.ACCEPTED;
            if (received.size() != 1) {
                problems.add("the provider received " + received.size() + " reports, expected 1");
            } else if (received.get(0).positive() != positive || !received.get(0).recorded()) {
                ReceivedFeedback got = received.get(0);
                problems.add("the provider got a " + (got.positive() ? "positive" : "negative") + " report"
                        + (got.recorded() ? "" : ", refused with " + got.errorCode()));
            }
            if (answer != null && !answer.status().isDelivered()) {
                problems.add("delivery " + answer.status());
            }
        } else if (!received.isEmpty()) {
            problems.add("the provider received " + received.size() + " reports, expected none");
        }
        return new Row(flow, result.task(), outcome, rule, feedback, said, problems.isEmpty(), String.join("; ", problems),
                result.took());
    }

    private ProviderAdapter adapter(Flow flow) {
        return providers.adapter(flow.provider()).orElseThrow(
                () -> new IllegalStateException("no adapter for provider '" + flow.provider() + "'"));
    }

    private static boolean answered(Delivery answer) {
        return answer.attempts() > 0 && !answer.answer().isBlank();
    }

    private String whyNothing(Flow flow, Outcome outcome, Delivery answer) {
        ProviderCapabilities caps = adapter(flow).capabilities();
        CaptchaType type = flow.page().widget().captchaType();
        if (outcome == Outcome.REJECTED_OTHER) {
            return "not the captcha's fault";
        } else if (outcome == Outcome.UNKNOWN) {
            return "the page showed no outcome";
        } else if (!caps.takesPositiveReports() && !caps.takesNegativeReports()) {
            return flow.provider() + " takes no reports";
        } else if (!caps.supports(type, outcome == Outcome.ACCEPTED)) {
            return flow.provider() + " takes no " + polarity(outcome) + " reports for this type";
        }
        return answer.answer().replaceFirst("^not sent: ", "");      // the reporter's reason, e.g. a duplicate
    }

    private static String polarity(Outcome outcome) {
        return outcome == Outcome.ACCEPTED ? "positive" : "negative";
    }
}
