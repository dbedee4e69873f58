package io.captchafeedback.junit;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.verdictreport.VerdictReport;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-neutral JUnit 5 extension: builds the {@link CaptchaFeedback} declared by
 * {@link CaptchaFeedbackConfiguration} once per test class (kept in the class's extension store and
 * closed with it), resolves it as a test parameter, and after each test waits (bounded) for the
 * verdicts still pending, waits for the reports of the test's verdicts, and fails the test on a
 * {@code REJECTED_CAPTCHA} verdict when {@link CaptchaFeedbackConfiguration#failOnRejectedCaptcha()} asks.
 * Engine extensions delegate to an instance of it and pass their own wait through
 * {@link #afterEach(ExtensionContext, Consumer)}.
 *
 * <pre>{@code
 * @ExtendWith(CaptchaFeedbackExtension.class)
 * @CaptchaFeedbackConfiguration(factory = TestFeedback.class, failOnRejectedCaptcha = true)
 * class SignUpTest {
 *     @Test
 *     void signsUp(CaptchaFeedback feedback) {
 *         // ...
 *     }
 * }
 *
 * public class TestFeedback implements CaptchaFeedbackFactory {   // see CaptchaFeedbackFactory
 *     public CaptchaFeedback create() {
 *         return CaptchaFeedback.create(CaptchaFeedbackConfig.load(Path.of("captcha-feedback.yml")));
 *     }
 * }
 * }</pre>
 *
 * <p>Stateless (all state lives in the extension store): one instance may serve parallel tests. With
 * tests running in parallel on one {@code CaptchaFeedback}, a test also waits for the others' pending
 * verdicts and sees the verdicts decided while it ran.
 */
public final class CaptchaFeedbackExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** The system property naming the configuration file when no annotation says where it is. */
    public static final String CONFIG_PROPERTY = "captchafeedback.config";

    /**
     * The configuration parameter (system property or {@code junit-platform.properties}) naming the
     * directory the run's {@link VerdictReport} is written to; {@value #REPORT_DIR_NONE} writes none.
     * Default {@value #DEFAULT_REPORT_DIR} (relative to the working directory).
     */
    public static final String REPORT_DIR_PROPERTY = "captchafeedback.report.dir";
    /** Where the run's verdict report goes when {@link #REPORT_DIR_PROPERTY} is not set. */
    public static final String DEFAULT_REPORT_DIR = "target/captcha-feedback";
    /** The {@link #REPORT_DIR_PROPERTY} value that turns the run's report off. */
    public static final String REPORT_DIR_NONE = "none";

    private static final Logger LOG = LoggerFactory.getLogger(CaptchaFeedbackExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CaptchaFeedbackExtension.class);
    private static final String INSTANCE = "captchaFeedback";
    private static final String VERDICTS = "verdicts";
    private static final String RUN_REPORT = "runReport";

    /**
     * The {@link CaptchaFeedback} of the test class that {@code context} belongs to, built on first use.
     *
     * @throws ExtensionConfigurationException if no configuration is declared or it cannot be loaded
     */
    public static CaptchaFeedback captchaFeedback(ExtensionContext context) {
        Objects.requireNonNull(context, "context == null");
        ExtensionContext owner = owner(context);
        Optional<CaptchaFeedbackConfiguration> annotation = configuration(context);
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(INSTANCE, key -> new Instance(runReported(create(annotation, owner), context)), Instance.class)
                .feedback;
    }

    /** Every verdict of every class goes into one report for the run, written when the run ends. */
    private static CaptchaFeedback runReported(CaptchaFeedback feedback, ExtensionContext context) {
        String dir = context.getConfigurationParameter(REPORT_DIR_PROPERTY).orElse(DEFAULT_REPORT_DIR).trim();
        if (!dir.isEmpty() && !dir.equalsIgnoreCase(REPORT_DIR_NONE)) {
            RunReport run = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(RUN_REPORT, key -> new RunReport(Path.of(dir)), RunReport.class);
            feedback.onVerdict(v -> run.report.record(v.task(), v.verdict(), v.report()));
        }
        return feedback;
    }

    /** The configuration annotation that applies to {@code context}: on the test class or an enclosing one. */
    public static Optional<CaptchaFeedbackConfiguration> configuration(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<Class<?>> type = c.getTestClass();
            if (type.isPresent()) {
                for (Class<?> t = type.get(); t != null; t = t.getEnclosingClass()) {
                    Optional<CaptchaFeedbackConfiguration> found = AnnotationSupport.findAnnotation(t, CaptchaFeedbackConfiguration.class);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** How long after each test verdicts and reports are waited for. */
    public static Duration verdictTimeout(ExtensionContext context) {
        return Duration.ofMillis(configuration(context).map(CaptchaFeedbackConfiguration::verdictTimeoutMillis).orElse(15_000L));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        CaptchaFeedback feedback = captchaFeedback(context);
        context.getStore(NAMESPACE).put(VERDICTS, new Collector(feedback));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        afterEach(context, timeout -> { });
    }

    /**
     * The after-each work, with the engine's own wait first: {@code engineWait} gets the whole timeout
     * and should return once the engine's pending verdicts are decided (driving probes if it must).
     * Then whatever is still pending is waited for within what is left of the timeout, the reports of
     * the test's verdicts are awaited, and the test fails on a {@code REJECTED_CAPTCHA} if so configured.
     */
    public void afterEach(ExtensionContext context, Consumer<Duration> engineWait) {
        Objects.requireNonNull(engineWait, "engineWait == null");
        Collector collector = context.getStore(NAMESPACE).remove(VERDICTS, Collector.class);
        if (collector == null) {
            return;
        }
        try {
            Duration timeout = verdictTimeout(context);
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                engineWait.accept(timeout);
            } catch (RuntimeException e) {
                LOG.warn("waiting for the browser's verdicts failed; going on", e);
            }
            for (PendingVerdict pending : collector.feedback.pending()) {
                pending.awaitVerdict(remaining(deadline)); // it settles itself on the feedback's timer
            }
            List<TaskVerdict> verdicts = List.copyOf(collector.verdicts);
            TaskVerdict.awaitReports(verdicts, remaining(deadline));
            boolean fail = configuration(context).map(CaptchaFeedbackConfiguration::failOnRejectedCaptcha).orElse(false);
            List<TaskVerdict> refused = verdicts.stream()
                    .filter(v -> v.verdict().outcome() == Outcome.REJECTED_CAPTCHA).collect(Collectors.toList());
            if (fail && !refused.isEmpty() && context.getExecutionException().isEmpty()) {
                throw new AssertionError("the site refused the captcha token" + (refused.size() > 1 ? "s" : "") + ": "
                        + refused.stream().map(CaptchaFeedbackExtension::describe).collect(Collectors.joining("; ")));
            }
        } finally {
            collector.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == CaptchaFeedback.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return captchaFeedback(extensionContext);
    }

    private static String describe(TaskVerdict v) {
        return "task " + v.task().key() + " by rule '" + v.verdict().evidence().rule() + "'";
    }


    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** The outermost class-level context: the instance lives as long as the top-level test class. */
    private static ExtensionContext owner(ExtensionContext context) {
        ExtensionContext owner = context.getRoot();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isPresent() && c.getTestMethod().isEmpty()) {
                owner = c;
            }
        }
        return owner;
    }

    private static CaptchaFeedback create(Optional<CaptchaFeedbackConfiguration> annotation, ExtensionContext owner) {
        String where = owner.getTestClass().map(Class::getName).orElse("the test run");
        if (annotation.isPresent() && annotation.get().factory() != CaptchaFeedbackFactory.None.class) {
            Class<? extends CaptchaFeedbackFactory> type = annotation.get().factory();
            try {
                Constructor<? extends CaptchaFeedbackFactory> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                CaptchaFeedback created = constructor.newInstance().create();
                if (created == null) {
                    throw new ExtensionConfigurationException(type.getName() + ".create() returned null (for " + where + ")");
                }
                return created;
            } catch (NoSuchMethodException e) {
                throw new ExtensionConfigurationException(type.getName() + " needs a no-argument constructor (for " + where + ")");
            } catch (ExtensionConfigurationException e) {
                throw e;
            } catch (Exception e) {
                Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
                throw new ExtensionConfigurationException("the CaptchaFeedback factory " + type.getName()
                        + " failed for " + where + ": " + cause.getMessage(), cause);
            }
        }
        String file = annotation.map(CaptchaFeedbackConfiguration::file).filter(f -> !f.isBlank())
                .orElse(System.getProperty(CONFIG_PROPERTY, ""));
        if (file.isBlank()) {
            throw new ExtensionConfigurationException("no captcha-feedback configuration for " + where
                    + ": annotate it with @CaptchaFeedbackConfiguration(file = ... or factory = ...)"
                    + " or set the system property " + CONFIG_PROPERTY);
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new ExtensionConfigurationException("the captcha-feedback configuration file " + path.toAbsolutePath()
                    + " (for " + where + ") does not exist");
        }
        return CaptchaFeedback.create(CaptchaFeedbackConfig.load(path));
    }

    /** The class's instance in the store; closed by JUnit when the class is done. */
    @SuppressWarnings("deprecation")
    private static final class Instance implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final CaptchaFeedback feedback;

        Instance(CaptchaFeedback feedback) {
            this.feedback = feedback;
        }

        @Override
        public void close() {
            feedback.close();
        }
    }

    /** The run's verdict report, in the root store: JUnit closes it, and so writes it, when the run ends. */
    @SuppressWarnings("deprecation")
    private static final class RunReport implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final VerdictReport report = VerdictReport.create();
        final Path dir;

        RunReport(Path dir) {
            this.dir = dir;
        }

        @Override
        public void close() {
            if (report.snapshot().total().verdicts() == 0) {
                return;
            }
            try {
                VerdictReport.Written written = report.write(dir);
                LOG.info("captcha-feedback verdict report of this run: {}", written.html().toAbsolutePath());
            } catch (java.io.UncheckedIOException e) {
                LOG.warn("the run's verdict report was not written: {}", e.getMessage());
            }
        }
    }

    /** Collects the verdicts decided while one test runs. */
    @SuppressWarnings("deprecation")
    private static final class Collector implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final CaptchaFeedback feedback;
        final List<TaskVerdict> verdicts = new CopyOnWriteArrayList<>();
        private final Consumer<TaskVerdict> listener = verdicts::add;

        Collector(CaptchaFeedback feedback) {
            this.feedback = feedback;
            feedback.onVerdict(listener);
        }

        @Override
        public void close() {
            feedback.offVerdict(listener);
        }
    }

    @Override
    public String toString() {
        return "CaptchaFeedbackExtension";
    }

}
