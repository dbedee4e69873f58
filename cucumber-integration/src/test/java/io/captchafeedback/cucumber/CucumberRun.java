package io.captchafeedback.cucumber;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.EngineFilter;

/**
 * Runs feature files through Cucumber's JUnit Platform engine with the JUnit Launcher, with the
 * captcha glue and plugin and Cucumber's message formatter, and reads what Cucumber reported.
 */
final class CucumberRun {
    static final String GLUE_ONLY = "io.captchafeedback.cucumber.glue";
    static final String SELENIUM = "io.captchafeedback.cucumber.glue, io.captchafeedback.cucumber.steps";
    static final String PLAYWRIGHT = "io.captchafeedback.cucumber.glue, io.captchafeedback.cucumber.playwrightsteps";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir = Path.of("target", "cucumber-runs", UUID.randomUUID().toString());
    /** Scenario name to its result, as the JUnit Platform saw it. */
    final Map<String, TestExecutionResult> results = new LinkedHashMap<>();

    /** A verdict attachment of Cucumber's message report, with the scenario it belongs to. */
    record Attached(String scenario, JsonNode verdict) {
    }

    /** The tests' CaptchaFeedback: the sign-in rules, the emulator's key and URL, a fresh outbox. */
    static CaptchaFeedback emulatorFeedback(ProviderEmulator emulator) {
        return CaptchaFeedback.builder()
                .config(CaptchaFeedbackConfig.builder()
                        .file(Path.of("src/test/resources/io/captchafeedback/cucumber/captcha-feedback.yml"))
                        .environment(Map.of("REGOTCHA_KEY", emulator.apiKey("regotcha"), "REGOTCHA_BASE_URL", emulator.baseUrl("regotcha")))
                        .build())
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString()))
                .build();
    }

    static CucumberRun run(String glue, boolean parallel, String... features) {
        CucumberRun run = new CucumberRun();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", glue)
                .configurationParameter("cucumber.plugin", "io.captchafeedback.cucumber.CaptchaFeedbackPlugin:" + run.dir
                        + ", message:" + run.dir.resolve("messages.ndjson"))
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.execution.parallel.enabled", String.valueOf(parallel))
                .configurationParameter("cucumber.execution.parallel.config.strategy", "fixed")
                .configurationParameter("cucumber.execution.parallel.config.fixed.parallelism", "3")
                .configurationParameter("cucumber.execution.parallel.config.fixed.max-pool-size", "3");
        for (String feature : features) {
            request.selectors(selectClasspathResource("io/captchafeedback/cucumber/features/" + feature));
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(built, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    synchronized (run.results) {
                        run.results.put(test.getDisplayName(), result);
                    }
                }
            }
        });
        return run;
    }

    /** The envelopes of Cucumber's message formatter output. */
    List<JsonNode> messages() {
        try {
            List<JsonNode> all = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("messages.ndjson"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    all.add(JSON.readTree(line));
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict attachments in Cucumber's message report, each with its scenario's name. */
    List<Attached> verdictAttachments() {
        return attachments(CaptchaScenario.MEDIA_TYPE).stream()
                .map(a -> new Attached(a.scenario(), read(a.verdict().asText()))).toList();
    }

    /** The log lines in Cucumber's message report, each with its scenario's name (as text nodes). */
    List<Attached> logLines() {
        return attachments("text/x.cucumber.log+plain");
    }

    private List<Attached> attachments(String mediaType) {
        Map<String, String> pickleNames = new HashMap<>();
        Map<String, String> testCasePickles = new HashMap<>();
        Map<String, String> startedTestCases = new HashMap<>();
        List<JsonNode> all = messages();
        for (JsonNode m : all) {
            if (m.has("pickle")) {
                pickleNames.put(m.get("pickle").get("id").asText(), m.get("pickle").get("name").asText());
            } else if (m.has("testCase")) {
                testCasePickles.put(m.get("testCase").get("id").asText(), m.get("testCase").get("pickleId").asText());
            } else if (m.has("testCaseStarted")) {
                startedTestCases.put(m.get("testCaseStarted").get("id").asText(), m.get("testCaseStarted").get("testCaseId").asText());
            }
        }
        List<Attached> found = new ArrayList<>();
        for (JsonNode m : all) {
            JsonNode a = m.get("attachment");
            if (a == null || !mediaType.equals(a.get("mediaType").asText())) {
                continue;
            }
            String body = a.get("body").asText();
            if ("BASE64".equals(a.path("contentEncoding").asText())) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            String scenario = pickleNames.get(testCasePickles.get(startedTestCases.get(a.get("testCaseStartedId").asText())));
            found.add(new Attached(scenario, JSON.getNodeFactory().textNode(body)));
        }
        return found;
    }

    /** The run's verdict report and scenario list, as the plugin wrote them. */
    JsonNode file(String name) {
        return read(readString(dir.resolve(name)));
    }

    private static String readString(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
