package io.captchafeedback.cucumber;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.verdictreport.VerdictReport;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cucumber plugin of captcha-feedback. Each scenario's verdicts go into Cucumber's own report from
 * the captcha glue's {@code @After} hook (a log line and a JSON attachment per verdict, see
 * {@link CaptchaScenario}); this plugin collects them per scenario and, when the run ends, writes the
 * run's verdict report ({@value VerdictReport#JSON_FILE}, {@value VerdictReport#HTML_FILE}) and
 * {@value #SCENARIOS_FILE} (each scenario with its status and verdicts) into its directory, then closes
 * the run's {@code CaptchaFeedback} so that no report that was due is left behind.
 *
 * <p>Register it like any Cucumber plugin; its argument is the directory (default
 * {@value #DEFAULT_DIR}):
 * <!-- java: not compiled (properties) -->
 * <pre>{@code
 * # junit-platform.properties
 * cucumber.plugin=io.captchafeedback.cucumber.CaptchaFeedbackPlugin:target/captcha-feedback, message:target/cucumber.ndjson
 * cucumber.glue=io.captchafeedback.cucumber.glue, com.example.steps
 * }</pre>
 *
 * <p>Thread-safe: handles events of parallel scenarios (a {@link ConcurrentEventListener}); its handlers
 * only record, and the files are written on the thread that finishes the run.
 */
public final class CaptchaFeedbackPlugin implements ConcurrentEventListener {
    /** Where the reports go without an argument. */
    public static final String DEFAULT_DIR = "target/captcha-feedback";
    /** The file listing each scenario with its verdicts. */
    public static final String SCENARIOS_FILE = "cucumber-scenarios.json";

    private static final Logger LOG = LoggerFactory.getLogger(CaptchaFeedbackPlugin.class);
    private static final Set<CaptchaFeedbackPlugin> ACTIVE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Map<String, List<TaskVerdict>> byScenario = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> scenarios = new CopyOnWriteArrayList<>();
    private volatile VerdictReport report = VerdictReport.create();

    /** Writes into {@value #DEFAULT_DIR}. */
    public CaptchaFeedbackPlugin() {
        this(DEFAULT_DIR);
    }

    /** Writes into {@code dir} (relative to the working directory). */
    public CaptchaFeedbackPlugin(String dir) {
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("the CaptchaFeedbackPlugin argument (the report directory) is empty");
        }
        this.dir = Path.of(dir.trim());
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestRunStarted.class, this::runStarted);
        publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
        publisher.registerHandlerFor(TestRunFinished.class, this::runFinished);
    }

    /** Hands a finished scenario's verdicts to the plugins of the run (from {@link CaptchaScenario#finish()}). */
    static void scenarioDone(String scenarioId, List<TaskVerdict> verdicts) {
        for (CaptchaFeedbackPlugin plugin : ACTIVE) {
            plugin.byScenario.put(scenarioId, List.copyOf(verdicts));
            verdicts.forEach(v -> plugin.report.record(v.task(), v.verdict(), v.report()));
        }
    }

    private void runStarted(TestRunStarted event) {
        report = VerdictReport.create();
        byScenario.clear();
        scenarios.clear();
        ACTIVE.add(this);
    }

    private void scenarioFinished(TestCaseFinished event) {
        TestCase testCase = event.getTestCase();
        List<TaskVerdict> verdicts = byScenario.remove(testCase.getId().toString());
        if (verdicts == null || verdicts.isEmpty()) {
            return;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("scenario", testCase.getName());
        entry.put("uri", String.valueOf(testCase.getUri()));
        entry.put("line", testCase.getLocation().getLine());
        entry.put("status", event.getResult().getStatus().name());
        List<Map<String, Object>> list = new ArrayList<>();
        for (TaskVerdict v : verdicts) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("provider", v.task().providerId());
            fields.put("taskId", v.task().taskId());
            fields.put("outcome", v.verdict().outcome().name());
            fields.put("rule", v.verdict().evidence().rule());
            list.add(fields);
        }
        entry.put("verdicts", list);
        scenarios.add(entry);
    }

    private void runFinished(TestRunFinished event) {
        ACTIVE.remove(this);
        CucumberCaptchaFeedback.close();
        if (report.snapshot().total().verdicts() == 0) {
            return;
        }
        try {
            VerdictReport.Written written = report.write(dir);
            Files.writeString(dir.resolve(SCENARIOS_FILE), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(List.copyOf(scenarios)), StandardCharsets.UTF_8);
            LOG.info("captcha-feedback verdict report of this Cucumber run: {}", written.html().toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            LOG.warn("the Cucumber run's verdict report was not written to {}: {}", dir.toAbsolutePath(), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "CaptchaFeedbackPlugin[" + dir + "]";
    }
}
