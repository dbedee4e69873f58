package io.captchafeedback.cucumber;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CaptchaFeedback} a Cucumber run shares, and how its scenarios treat verdicts. Configure it
 * once, before the first scenario (a {@code @BeforeAll} hook of your glue, or system properties); the
 * glue of {@code io.captchafeedback.cucumber.glue} builds the instance on first use, and
 * {@link CaptchaFeedbackPlugin} closes it when the run ends (without the plugin, a JVM shutdown hook does).
 *
 * <pre>{@code
 * public class CaptchaSetup {
 *     @BeforeAll
 *     public static void captchaFeedback() {
 *         CucumberCaptchaFeedback.configure(() -> CaptchaFeedback.create(CaptchaFeedbackConfig.load(Path.of("captcha-feedback.yml"))));
 *         CucumberCaptchaFeedback.failOnRejectedCaptcha(true);
 *     }
 * }
 * }</pre>
 *
 * <p>Without {@link #configure}, the system properties {@value #FACTORY_PROPERTY} (a
 * {@link CaptchaFeedbackFactory} class) or {@value #CONFIG_PROPERTY} (a configuration file) are read, and
 * {@value #FAIL_PROPERTY} / {@value #TIMEOUT_PROPERTY} for the two switches.
 *
 * <p>Thread-safe: parallel scenarios share the one instance; each scenario's verdicts come only from
 * the browser sessions attached in that scenario.
 */
public final class CucumberCaptchaFeedback {
    /** The system property naming the configuration file (the same one the JUnit 5 extension reads). */
    public static final String CONFIG_PROPERTY = "captchafeedback.config";
    /** The system property naming a {@link CaptchaFeedbackFactory} class with a no-argument constructor. */
    public static final String FACTORY_PROPERTY = "captchafeedback.factory";
    /** The system property that, set to {@code true}, fails a scenario whose token the site refused. */
    public static final String FAIL_PROPERTY = "captchafeedback.failOnRejectedCaptcha";
    /** The system property giving, in milliseconds, how long after a scenario its verdicts are waited for. */
    public static final String TIMEOUT_PROPERTY = "captchafeedback.verdictTimeoutMillis";
    /** How long after each scenario its verdicts and their reports are waited for, by default. */
    public static final Duration DEFAULT_VERDICT_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(CucumberCaptchaFeedback.class);
    private static final Object LOCK = new Object();

    private static volatile CaptchaFeedbackFactory factory;
    private static volatile Boolean failOnRejectedCaptcha;
    private static volatile Duration verdictTimeout;
    private static CaptchaFeedback instance;
    private static Thread shutdownHook;

    private CucumberCaptchaFeedback() {
    }

    /** Where the run's instance comes from; takes effect for the next instance built (the next run). */
    public static void configure(CaptchaFeedbackFactory source) {
        factory = Objects.requireNonNull(source, "source == null");
    }

    /** Fail a scenario when one of its verdicts is {@code REJECTED_CAPTCHA} (the feedback is sent anyway). */
    public static void failOnRejectedCaptcha(boolean fail) {
        failOnRejectedCaptcha = fail;
    }

    /** How long, after each scenario, to wait for its pending verdicts and then for their reports. */
    public static void verdictTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("verdictTimeout must not be negative: " + timeout);
        }
        verdictTimeout = timeout;
    }

    /** Forgets what {@link #configure}, {@link #failOnRejectedCaptcha} and {@link #verdictTimeout} set. */
    public static void reset() {
        factory = null;
        failOnRejectedCaptcha = null;
        verdictTimeout = null;
    }

    /** Whether a refused token fails its scenario. */
    public static boolean failsOnRejectedCaptcha() {
        Boolean set = failOnRejectedCaptcha;
        return set != null ? set : Boolean.parseBoolean(System.getProperty(FAIL_PROPERTY, "false").trim());
    }

    /** How long after each scenario verdicts and reports are waited for. */
    public static Duration verdictTimeoutValue() {
        Duration set = verdictTimeout;
        if (set != null) {
            return set;
        }
        String value = System.getProperty(TIMEOUT_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return DEFAULT_VERDICT_TIMEOUT;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the system property " + TIMEOUT_PROPERTY + " must be a number of milliseconds, not '" + value + "'");
        }
    }

    /**
     * The run's instance, built on first use.
     *
     * @throws IllegalStateException when nothing says where the configuration is, or building it failed
     */
    public static CaptchaFeedback instance() {
        synchronized (LOCK) {
            if (instance == null) {
                instance = create();
                shutdownHook = new Thread(CucumberCaptchaFeedback::close, "captcha-feedback-cucumber-close");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
            return instance;
        }
    }

    /** Closes the run's instance (pending reports go to the outbox); the next scenario builds a new one. */
    public static void close() {
        CaptchaFeedback closing;
        synchronized (LOCK) {
            closing = instance;
            instance = null;
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down already
                }
            }
            shutdownHook = null;
        }
        if (closing != null) {
            try {
                closing.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the run's CaptchaFeedback failed", e);
            }
        }
    }

    private static CaptchaFeedback create() {
        CaptchaFeedbackFactory source = factory;
        if (source == null) {
            String type = System.getProperty(FACTORY_PROPERTY, "").trim();
            if (!type.isEmpty()) {
                source = instantiate(type);
            }
        }
        if (source != null) {
            CaptchaFeedback created;
            try {
                created = source.create();
            } catch (Exception e) {
                throw new IllegalStateException("the CaptchaFeedback factory " + source.getClass().getName()
                        + " of the Cucumber run failed: " + e.getMessage(), e);
            }
            if (created == null) {
                throw new IllegalStateException("the CaptchaFeedback factory " + source.getClass().getName() + " returned null");
            }
            return created;
        }
        String file = System.getProperty(CONFIG_PROPERTY, "").trim();
        if (file.isEmpty()) {
            throw new IllegalStateException("no captcha-feedback configuration for the Cucumber run: call"
                    + " CucumberCaptchaFeedback.configure(...) in a @BeforeAll hook, or set the system property "
                    + CONFIG_PROPERTY + " (a file) or " + FACTORY_PROPERTY + " (a CaptchaFeedbackFactory class)");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("the captcha-feedback configuration file " + path.toAbsolutePath()
                    + " (system property " + CONFIG_PROPERTY + ") does not exist");
        }
        return CaptchaFeedback.create(CaptchaFeedbackConfig.load(path));
    }

    private static CaptchaFeedbackFactory instantiate(String type) {
        String where = "the system property " + FACTORY_PROPERTY + " names " + type;
        try {
            Class<?> found = Class.forName(type, true, Thread.currentThread().getContextClassLoader());
            if (!CaptchaFeedbackFactory.class.isAssignableFrom(found)) {
                throw new IllegalStateException(where + ", which is not a " + CaptchaFeedbackFactory.class.getName());
            }
            Constructor<?> constructor = found.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (CaptchaFeedbackFactory) constructor.newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(where + ", which is not on the class path");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(where + ", which has no no-argument constructor");
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(where + ", which could not be built: " + e.getMessage(), e);
        }
    }
}
