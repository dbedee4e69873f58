package io.captchafeedback.testng;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WrapsDriver;
import org.testng.ISuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One suite's captcha-feedback state: its {@link CaptchaFeedback} (built on first use), the handles of the
 * drivers handed over, and which thread each is bound to. Closed (handles closed, drivers not quit) when
 * the suite finishes.
 */
final class SuiteRun {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteRun.class);
    private static final Map<ISuite, SuiteRun> RUNS = new ConcurrentHashMap<>();
    private static final ThreadLocal<SuiteRun> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<Class<?>> CURRENT_CLASS = new ThreadLocal<>();

    private final ISuite suite;
    private Settings settings;
    private CaptchaFeedback feedback;
    private boolean closed;
    /** Handle by original and by decorated driver. */
    private final Map<WebDriver, SeleniumCaptchaFeedback> handles = new IdentityHashMap<>();
    private final Map<Thread, Set<SeleniumCaptchaFeedback>> bound = new ConcurrentHashMap<>();

    private SuiteRun(ISuite suite) {
        this.suite = suite;
    }

    static SuiteRun start(ISuite suite) {
        return RUNS.computeIfAbsent(suite, SuiteRun::new);
    }

    /** The settings, read when first needed (the annotation from the class of the test that needs them). */
    synchronized Settings settings() {
        if (settings == null) {
            settings = Settings.of(suite, CURRENT_CLASS.get());
        }
        return settings;
    }

    /** The settings if they were ever needed: no instance was built otherwise. */
    synchronized Optional<Settings> settingsIfRead() {
        return Optional.ofNullable(settings);
    }

    static SuiteRun of(ISuite suite) {
        return RUNS.get(suite);
    }

    /** Makes {@code suite}'s run the calling thread's (TestNG worker threads move between suites). */
    static SuiteRun enter(ISuite suite, Class<?> testClass) {
        SuiteRun run = RUNS.get(suite);
        CURRENT.set(run);
        CURRENT_CLASS.set(testClass);
        return run;
    }

    static SuiteRun finish(ISuite suite) {
        SuiteRun run = RUNS.remove(suite);
        if (run != null) {
            run.close();
        }
        return run;
    }

    static boolean active() {
        SuiteRun run = CURRENT.get();
        return run != null && !run.isClosed() || RUNS.size() == 1;
    }

    /** The run of the calling thread's suite; the only one running when the thread is not TestNG's. */
    static SuiteRun current() {
        SuiteRun run = CURRENT.get();
        if (run != null && !run.isClosed()) {
            return run;
        }
        List<SuiteRun> running = new ArrayList<>(RUNS.values());
        if (running.size() == 1) {
            return running.get(0);
        }
        throw new IllegalStateException(running.isEmpty()
                ? "no TestNG suite runs with the captcha-feedback listener: register io.captchafeedback.testng.CaptchaFeedbackListener"
                        + " with @Listeners, in testng.xml or through META-INF/services/org.testng.ITestNGListener"
                : "several TestNG suites run with the captcha-feedback listener and this thread is in none of them:"
                        + " hand the driver over from a test or configuration method");
    }

    synchronized CaptchaFeedback feedback() {
        if (closed) {
            throw new IllegalStateException("the captcha-feedback of " + settings().where() + " is already closed (the suite finished)");
        }
        if (feedback == null) {
            feedback = create();
            if (settings().writesReport()) {
                feedback.onVerdict(RunReport::record);
            }
        }
        return feedback;
    }

    SeleniumCaptchaFeedback attach(WebDriver driver) {
        CaptchaFeedback cf = feedback();
        SeleniumCaptchaFeedback handle;
        synchronized (this) {
            handle = handles.get(driver);
            if (handle == null) {
                handle = SeleniumCaptchaFeedback.attach(driver, cf);
                handles.put(driver, handle);
                handles.put(handle.driver(), handle);
            }
        }
        bind(handle);
        return handle;
    }

    SeleniumCaptchaFeedback handle(WebDriver driver) {
        SeleniumCaptchaFeedback handle;
        synchronized (this) {
            handle = handles.get(driver);
            for (WebDriver d = driver; handle == null && d instanceof WrapsDriver w && w.getWrappedDriver() != d; ) {
                d = w.getWrappedDriver();
                handle = handles.get(d);
            }
        }
        if (handle == null) {
            throw new IllegalStateException("this driver was not handed to captcha-feedback: wrap it with CaptchaFeedbackTestNG.wrap(driver) first");
        }
        bind(handle);
        return handle;
    }

    SeleniumCaptchaFeedback lastHandle() {
        Set<SeleniumCaptchaFeedback> mine = bound.get(Thread.currentThread());
        SeleniumCaptchaFeedback last = null;
        if (mine != null) {
            synchronized (mine) {
                for (SeleniumCaptchaFeedback h : mine) {
                    last = h;
                }
            }
        }
        if (last == null) {
            throw new IllegalStateException("this thread handed no driver to captcha-feedback: wrap it with CaptchaFeedbackTestNG.wrap(driver)");
        }
        return last;
    }

    /** A handle belongs to the thread that handed it over or asked for it last. */
    private void bind(SeleniumCaptchaFeedback handle) {
        Thread me = Thread.currentThread();
        for (Map.Entry<Thread, Set<SeleniumCaptchaFeedback>> e : bound.entrySet()) {
            if (e.getKey() != me) {
                e.getValue().remove(handle);
            }
        }
        Set<SeleniumCaptchaFeedback> mine = bound.computeIfAbsent(me, t -> java.util.Collections.synchronizedSet(new LinkedHashSet<>()));
        synchronized (mine) {
            mine.remove(handle); // the last one handed over or named comes last
            mine.add(handle);
        }
    }

    /**
     * After a test method on this thread: the verdicts of the tasks its drivers tracked since the previous
     * test, waited for within the timeout, and their reports waited for within what is left of it.
     */
    List<TaskVerdict> verdictsOfThisThread() {
        List<SeleniumCaptchaFeedback> mine;
        Set<SeleniumCaptchaFeedback> set = bound.get(Thread.currentThread());
        if (set == null) {
            return List.of();
        }
        synchronized (set) {
            mine = new ArrayList<>(set);
        }
        long deadline = System.nanoTime() + settings().verdictTimeout().toNanos();
        List<TaskVerdict> verdicts = new ArrayList<>();
        for (SeleniumCaptchaFeedback handle : mine) {
            try {
                verdicts.addAll(handle.awaitVerdicts(remaining(deadline)));
            } catch (RuntimeException e) {
                LOG.warn("waiting for the verdicts of {} failed; going on", handle, e);
            }
        }
        TaskVerdict.awaitReports(verdicts, remaining(deadline));
        return verdicts;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void close() {
        List<SeleniumCaptchaFeedback> all;
        CaptchaFeedback cf;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(new LinkedHashSet<>(handles.values()));
            handles.clear();
            cf = feedback;
        }
        bound.clear();
        for (SeleniumCaptchaFeedback handle : all) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                LOG.debug("closing {} failed", handle, e);
            }
        }
        if (cf != null) {
            cf.close();
        }
    }

    private CaptchaFeedback create() {
        String where = settings().where();
        if (settings().factory() != null || settings().factoryName() != null) {
            String name = settings().factoryName() != null ? settings().factoryName() : settings().factory().getName();
            try {
                Class<?> type = settings().factoryName() != null
                        ? Class.forName(name, true, Thread.currentThread().getContextClassLoader()) : settings().factory();
                if (!CaptchaFeedbackFactory.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException(name + " (for " + where + ") does not implement " + CaptchaFeedbackFactory.class.getName());
                }
                Constructor<?> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                CaptchaFeedback created = ((CaptchaFeedbackFactory) constructor.newInstance()).create();
                if (created == null) {
                    throw new IllegalStateException(name + ".create() returned null (for " + where + ")");
                }
                return created;
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("the CaptchaFeedback factory " + name + " (for " + where + ") is not on the class path");
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(name + " needs a no-argument constructor (for " + where + ")");
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                throw new IllegalStateException("the CaptchaFeedback factory " + name + " failed for " + where + ": " + cause.getMessage(), cause);
            }
        }
        if (settings().file().isBlank()) {
            throw new IllegalStateException("no captcha-feedback configuration for " + where + ": set the suite parameter or system property "
                    + Settings.CONFIG + " (a file) or " + Settings.FACTORY + " (a CaptchaFeedbackFactory class),"
                    + " or annotate a test class with @CaptchaFeedbackConfiguration(file = ... or factory = ...)");
        }
        Path path = Path.of(settings().file());
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("the captcha-feedback configuration file " + path.toAbsolutePath() + " (for " + where + ") does not exist");
        }
        return CaptchaFeedback.create(CaptchaFeedbackConfig.load(path));
    }


    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
