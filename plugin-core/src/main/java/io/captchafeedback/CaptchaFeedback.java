package io.captchafeedback;

import io.captchafeedback.spi.Listeners;
import io.captchafeedback.spi.CompiledRules;

import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.report.ReportListener;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.Rules;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-neutral heart of captcha-feedback: the providers, the outcome rules and the reporter of one
 * configuration, plus the bookkeeping that links injected tokens to their tasks. The Selenium and
 * Playwright integrations drive it; it can also be used directly by code that judges pages itself.
 *
 * <pre>{@code
 * try (CaptchaFeedback feedback = CaptchaFeedback.create(CaptchaFeedbackConfig.load(Path.of("captcha-feedback.yml")))) {
 *     feedback.onVerdict(v -> log.info("{}: {}", v.task().taskId(), v.verdict().outcome()));
 *     PendingVerdict pending = feedback.track(task, URI.create(pageUrl)); // after injecting task.token()
 *     // ... an integration feeds pending.detection() and completes it ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: one instance serves every browser session on every thread. Pending verdicts settle
 * themselves on one daemon timer thread ({@code captcha-feedback-settle}) when their page has settled or
 * their timeout passed; {@link #close()} stops it.
 */
public final class CaptchaFeedback implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptchaFeedback.class);

    private final Rules rules;
    private final CompiledRules compiledRules;
    private final FeedbackReporter reporter;
    private final ProviderRegistry registry;
    private final boolean ownsReporter;
    private final Clock clock;
    private final TokenIndex tokens;
    private final Set<PendingVerdict> open = ConcurrentHashMap.newKeySet();
    private final Listeners<Consumer<TaskVerdict>> listeners = Listeners.of("verdict listener");
    /** Settles pending verdicts when their page has settled or their detection expired: one daemon thread. */
    private final ScheduledThreadPoolExecutor settler;
    private volatile boolean closed;

    private CaptchaFeedback(Builder b, Rules rules, FeedbackReporter reporter, ProviderRegistry registry,
            boolean ownsReporter) {
        this.rules = rules;
        this.compiledRules = CompiledRules.of(rules);
        this.reporter = reporter;
        this.registry = registry;
        this.ownsReporter = ownsReporter;
        this.clock = b.clock;
        this.tokens = new TokenIndex(b.tokenMemory, b.clock);
        this.settler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "captcha-feedback-settle");
            t.setDaemon(true);
            return t;
        });
        settler.setRemoveOnCancelPolicy(true);
        settler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Everything from one configuration: its providers, its {@code rules} and {@code reporter} sections. */
    public static CaptchaFeedback create(CaptchaFeedbackConfig config) {
        return builder().config(config).build();
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The outcome rules in use. */
    public Rules rules() {
        return rules;
    }

    /** The reporter that delivers the feedback. */
    public FeedbackReporter reporter() {
        return reporter;
    }

    /** The provider adapters, if this instance created them from a configuration. */
    public Optional<ProviderRegistry> providers() {
        return Optional.ofNullable(registry);
    }

    /** The clock detections run on. */
    public Clock clock() {
        return clock;
    }

    /**
     * Remembers a task so that its token is recognised when the user injects it with their own code
     * (an {@code executeScript}, {@code evaluate}, {@code sendKeys} or {@code fill} carrying the token).
     */
    public void register(SolvedTask task) {
        Objects.requireNonNull(task, "task == null");
        tokens.put(task);
    }

    /** The registered task whose token this is. */
    public Optional<SolvedTask> findByToken(String token) {
        return tokens.get(token);
    }

    /** The registered task whose token occurs in {@code text} (a script, an argument, typed keys). */
    public Optional<SolvedTask> findInText(CharSequence text) {
        return tokens.findIn(text);
    }

    /** Whether any task is registered and not yet judged (a cheap check for hot paths). */
    public boolean hasRegisteredTokens() {
        return !tokens.isEmpty();
    }

    /** The compiled rule set for a page, if one applies. */
    public Optional<CompiledRuleSet> rulesFor(URI pageUrl) {
        return compiledRules.forUrl(pageUrl);
    }

    /**
     * Starts waiting for the verdict about a task whose token was just injected into the page at
     * {@code pageUrl}. The detection (if a rule set applies) starts now; without a rule set the pending
     * verdict is returned already settled as {@link Outcome#UNKNOWN}.
     */
    public PendingVerdict track(SolvedTask task, URI pageUrl) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(pageUrl, "pageUrl == null");
        if (closed) {
            throw new IllegalStateException("CaptchaFeedback is closed");
        }
        SolvedTask located = task.pageUrl() == null ? task.toBuilder().pageUrl(pageUrl.toString()).build() : task;
        tokens.put(located);
        Detection detection = compiledRules.forUrl(pageUrl).map(c -> c.start(pageUrl, clock)).orElse(null);
        if (detection == null) {
            LOG.warn("no rule set applies to {}: the verdict about task {} will be UNKNOWN", pageUrl, task.key());
        }
        PendingVerdict pending = new PendingVerdict(located, detection, this);
        open.add(pending);
        if (detection == null) {
            pending.completeIfDecided(); // UNKNOWN at once: nothing can decide it
        } else {
            detection.onWakeUp(at -> wakeAt(pending, at));
            scheduleDeadline(pending, detection);
        }
        return pending;
    }

    /** Asks the pending verdict again when its page may have settled (coalesced: one wake-up at a time). */
    private void wakeAt(PendingVerdict pending, Instant at) {
        if (closed || pending.isDone() || !pending.claimWake(at)) {
            return;
        }
        schedule(() -> {
            pending.wakeDone();
            if (!pending.completeIfDecided() && !pending.isDone()) {
                pending.detection().flatMap(Detection::settlesAt).ifPresent(next -> wakeAt(pending, next));
            }
        }, at);
    }

    private void scheduleDeadline(PendingVerdict pending, Detection detection) {
        schedule(() -> {
            if (!pending.completeIfDecided() && !pending.isDone()) {
                scheduleDeadline(pending, detection); // this clock is not past the deadline yet
            }
        }, detection.deadline());
    }

    private void schedule(Runnable task, Instant at) {
        long delay = Math.max(1, at.toEpochMilli() - clock.millis() + 1);
        try {
            settler.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("settling a pending verdict failed; ignored", e);
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: close() settles what is open
        }
    }

    /** The verdicts tracked and not yet decided, in no particular order (a snapshot). */
    public List<PendingVerdict> pending() {
        return List.copyOf(open);
    }

    /** Calls {@code listener} with every verdict (on the thread that decided it). Listener exceptions are logged. */
    public void onVerdict(Consumer<TaskVerdict> listener) {
        listeners.add(listener);
    }

    /** Removes a listener added with {@link #onVerdict}. */
    public void offVerdict(Consumer<TaskVerdict> listener) {
        listeners.remove(listener);
    }

    boolean complete(PendingVerdict pending, Verdict verdict) {
        Objects.requireNonNull(verdict, "verdict == null");
        TaskVerdict decided;
        synchronized (pending) {
            if (pending.isDone()) {
                return false;
            }
            decided = new TaskVerdict(pending.task(), verdict, reporter.report(pending.task(), verdict));
            pending.settle(decided);
        }
        open.remove(pending);
        tokens.remove(pending.task());
        LOG.debug("verdict {} for task {} by rule '{}'", verdict.outcome(), pending.task().key(), verdict.evidence().rule());
        listeners.fire("verdict", l -> l.accept(decided));
        return true;
    }

    /**
     * Gives every verdict still pending the verdict of the first rule that holds now, or
     * {@link Outcome#UNKNOWN} (nothing is sent for it), stops the settle timer, then
     * closes the reporter if this instance built it (it drains within its close timeout) and the providers.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        settler.shutdownNow();
        for (PendingVerdict pending : List.copyOf(open)) {
            // no event can come any more: what holds now is what the settled page would have decided
            pending.complete(pending.detection().flatMap(Detection::decideNow)
                    .orElseGet(() -> Verdict.of(Outcome.UNKNOWN, Evidence.of("closed before any rule matched"))));
        }
        if (ownsReporter) {
            reporter.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Override
    public String toString() {
        return "CaptchaFeedback[" + rules + ", pending=" + open.size() + "]";
    }

    /**
     * Builds a {@link CaptchaFeedback}. Either a configuration (providers and reporter built from it) or
     * a ready {@link FeedbackReporter} is required; not thread-safe.
     */
    public static final class Builder {
        private CaptchaFeedbackConfig config;
        private Rules rules;
        private FeedbackReporter reporter;
        private Path outbox;
        private ReportListener reportListener;
        private Clock clock = Clock.systemUTC();
        private Duration tokenMemory = Duration.ofMinutes(30);

        private Builder() {
        }

        /** The configuration: providers, and the {@code rules} and {@code reporter} sections unless set here. */
        public Builder config(CaptchaFeedbackConfig config) {
            this.config = Objects.requireNonNull(config, "config == null");
            return this;
        }

        /** The outcome rules (replaces the configuration's {@code rules} section). */
        public Builder rules(Rules rules) {
            this.rules = Objects.requireNonNull(rules, "rules == null");
            return this;
        }

        /** The outcome rules from a rule file (replaces the configuration's {@code rules} section). */
        public Builder rules(Path ruleFile) {
            return rules(RuleFiles.load(ruleFile));
        }

        /** A reporter of the caller's (which the caller closes); without it one is built from the configuration. */
        public Builder reporter(FeedbackReporter reporter) {
            this.reporter = Objects.requireNonNull(reporter, "reporter == null");
            return this;
        }

        /** The outbox directory of the reporter built from the configuration (overrides {@code reporter.outbox}). */
        public Builder outbox(Path dir) {
            this.outbox = Objects.requireNonNull(dir, "dir == null");
            return this;
        }

        /**
         * The listener of the reporter built from the configuration, which keeps the file's {@code reporter}
         * section (replaces an earlier one; combine several yourself, as with
         * {@link FeedbackReporter.Builder#listener}). Not allowed with {@link #reporter(FeedbackReporter)},
         * whose listener is the caller's.
         *
         * <!-- java: given ReportListener myListener -->
         * <pre>{@code
         * CaptchaFeedback feedback = CaptchaFeedback.builder().config(config).reportListener(myListener).build();
         * }</pre>
         */
        public Builder reportListener(ReportListener listener) {
            this.reportListener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /** The clock of detections (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** How long a registered, unjudged token stays recognisable (default 30 minutes). */
        public Builder tokenMemory(Duration tokenMemory) {
            Objects.requireNonNull(tokenMemory, "tokenMemory == null");
            if (tokenMemory.isNegative() || tokenMemory.isZero()) {
                throw new IllegalArgumentException("tokenMemory must be positive: " + tokenMemory);
            }
            this.tokenMemory = tokenMemory;
            return this;
        }

        public CaptchaFeedback build() {
            if (config == null && reporter == null) {
                throw new IllegalStateException("a configuration or a reporter is required");
            }
            Rules resolvedRules = rules;
            if (resolvedRules == null) {
                resolvedRules = config == null ? Rules.none() : config.rules();
            }
            if (reporter != null) {
                if (reportListener != null) {
                    throw new IllegalStateException("reportListener(...) adds to the reporter built from the"
                            + " configuration; with reporter(...) add the listener to that reporter's builder");
                }
                return new CaptchaFeedback(this, resolvedRules, reporter, null, false);
            }
            config.requireProviders();
            ProviderRegistry registry = config.providerRegistry();
            try {
                FeedbackReporter.Builder rb = config.reporterBuilder().registry(registry);
                if (outbox != null) {
                    rb.outbox(outbox);
                }
                if (reportListener != null) {
                    rb.listener(reportListener);
                }
                return new CaptchaFeedback(this, resolvedRules, rb.build(), registry, true);
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
        }
    }
}
