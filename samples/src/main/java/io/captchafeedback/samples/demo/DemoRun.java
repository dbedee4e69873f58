package io.captchafeedback.samples.demo;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.Delivery;
import io.captchafeedback.verdictreport.VerdictReport;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.solve.PollingPlan;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.testkit.browser.Chromium;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One run of the demo: starts the provider emulator and the demo site, signs in on the selected pages
 * with good and bad tokens in each engine (a few flows at a time), waits for the feedback to be
 * delivered, checks every row, prints the table and writes the verdict report.
 */
final class DemoRun {

    /** The longest the demo waits, after the last flow, for the feedback still on its way. */
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(30);

    /**
     * What a run produced.
     *
     * @param exitCode 0 when every row is as expected, 1 otherwise
     * @param rows the table's rows, in table order
     * @param emulatorFeedback every report the local provider emulator received
     * @param report the verdict report's files, or {@code null} when the run stopped before writing it
     * @param took the run's duration, from the first flow to the last verdict
     */
    record Result(int exitCode, List<Row> rows, List<ReceivedFeedback> emulatorFeedback, VerdictReport.Written report,
            Duration took) {

        /** A run that stopped before any flow (bad usage, bad configuration, {@code --help}). */
        static Result notRun(int exitCode) {
            return new Result(exitCode, List.of(), List.of(), null, Duration.ZERO);
        }
    }

    private final DemoOptions options;
    /** With {@code --solve}: buys the tokens from the emulated providers; otherwise null. */
    private Solver solver;
    private final PrintStream out;

    private DemoRun(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    static Result run(DemoOptions options, PrintStream out) throws IOException {
        return new DemoRun(options, out).run();
    }

    private Result run() throws IOException {
        Chromium.requireInstalled();
        CaptchaFeedbackConfig userConfig = options.config() == null ? null : CaptchaFeedbackConfig.load(options.config());
        Path outbox = Files.createTempDirectory("captcha-feedback-demo-outbox");
        try (ProviderEmulator emulator = ProviderEmulator.start();
                DemoSite site = DemoSite.start(emulator)) {
            ProviderPlan plan = userConfig == null ? ProviderPlan.emulated(emulator)
                    : ProviderPlan.configured(emulator, userConfig);
            try (CaptchaFeedback feedback = CaptchaFeedback.builder()
                    .config(plan.config())
                    .rules(DemoRules.rules())          // how to read the demo site's reactions
                    .outbox(outbox)
                    .build()) {
                return run(emulator, site, plan, feedback);
            }
        } finally {
            deleteQuietly(outbox);
        }
    }

    private Result run(ProviderEmulator emulator, DemoSite site, ProviderPlan plan, CaptchaFeedback feedback) {
        ProviderRegistry providers = feedback.providers().orElseThrow();
        List<Flow> flows = plan(plan);
        header(emulator, site, plan, flows);
        VerdictReport report = VerdictReport.create();
        feedback.onVerdict(v -> report.record(v.task(), v.verdict(), v.report()));                // every verdict of both engines, with its delivery
        if (options.solve()) {
            // the local emulator answers at once: poll it every 100 ms instead of the providers' 3-5 s
            solver = Solver.builder(providers).polling(PollingPlan.every(Duration.ofMillis(100)))
                    .deadline(Duration.ofSeconds(30)).build();
            report.solveStatistics(solver.statistics()); // solve times per provider in the report
        }

        long start = System.nanoTime();
        List<FlowResult> results;
        try {
            results = runFlows(flows, site, plan, feedback, providers);
        } finally {
            if (solver != null) {
                solver.close();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Map<FlowResult, Delivery> deliveries = awaitDeliveries(results);
        SelfCheck check = new SelfCheck(plan, providers, emulator);
        List<Row> rows = results.stream()
                .map(r -> check.check(r, deliveries.get(r)))
                .sorted(tableOrder())
                .toList();

        out.println();
        ResultTable.print(out, rows);
        out.println();
        long wrong = rows.stream().filter(r -> !r.ok()).count();
        totals(rows, took, plan);
        out.println(wrong == 0
                ? "All " + rows.size() + " rows as expected: every verdict right, feedback sent exactly where it was due."
                : wrong + " of " + rows.size() + " rows NOT as expected (marked WRONG above).");

        VerdictReport.Written written = write(report);
        out.println();
        out.println("Verdict report: " + written.html().toAbsolutePath());
        out.println("           and: " + written.json().toAbsolutePath());
        if (options.interactive()) {
            waitForEnter(site, emulator, written);
        }
        return new Result(wrong == 0 ? 0 : 1, rows, emulator.feedback(), written, took);
    }

    /** Every selected page with a good and a bad token, per engine, each with the provider that solves it. */
    private List<Flow> plan(ProviderPlan plan) {
        List<Flow> flows = new ArrayList<>();
        for (Engine engine : Engine.values()) {
            if (!options.engines().contains(engine)) {
                continue;
            }
            for (DemoPage page : options.selectedPages()) {
                String provider = plan.providerFor(engine, page.widget());
                flows.add(new Flow(engine, page, true, provider));
                flows.add(new Flow(engine, page, false, provider));
            }
        }
        return flows;
    }

    private void header(ProviderEmulator emulator, DemoSite site, ProviderPlan plan, List<Flow> flows) {
        int pages = options.selectedPages().size();
        String engines = options.engines().stream().sorted().map(Engine::label).collect(Collectors.joining(" and "));
        out.println("captcha-feedback demo");
        out.printf("  demo site          %s/  (%d of its %d pages: 6 captcha widgets x 8 ways a site reacts)%n",
                site.baseUrl(), pages, DemoSite.pages().size());
        out.printf("  provider emulator  %s  (issues the tokens; the demo site verifies them with it)%n", emulator.baseUrl());
        if (plan.realProviders()) {
            out.printf("  feedback goes to   the providers of %s: %s%n", options.config(),
                    plan.config().providers().stream().map(p -> p.id() + " (" + endpoint(p) + ")")
                            .collect(Collectors.joining(", ")));
            out.println("                     The tokens come from the local emulator, so these providers will answer"
                    + " that they do not know the tasks:");
            out.println("                     the table shows each call, that its key was accepted, and the real answer,"
                    + " without spending a solve.");
        } else {
            out.printf("  feedback goes to   the emulator's %s APIs%n", String.join(", ", ProviderEmulator.providers()));
        }
        out.printf("  flows              %d = %d pages x good and bad token x %s, %d at a time per engine%n",
                flows.size(), pages, engines, options.parallel());
        out.println();
    }

    private static String endpoint(ProviderSettings settings) {
        return settings.baseUrlOverride().map(Object::toString).orElse("default endpoint");
    }

    private List<FlowResult> runFlows(List<Flow> flows, DemoSite site, ProviderPlan plan, CaptchaFeedback feedback,
            ProviderRegistry providers) {
        Map<Engine, Queue<Flow>> queues = new EnumMap<>(Engine.class);
        flows.forEach(f -> queues.computeIfAbsent(f.engine(), e -> new ConcurrentLinkedQueue<>()).add(f));
        Map<Engine, Integer> counts = new EnumMap<>(Engine.class);
        queues.forEach((engine, queue) -> counts.put(engine, queue.size()));
        Progress progress = new Progress(out, options.interactive(), counts);
        List<FlowResult> results = Collections.synchronizedList(new ArrayList<>());
        Map<Engine, String> startFailures = new ConcurrentHashMap<>();

        ExecutorService workers = Executors.newFixedThreadPool(queues.size() * options.parallel(), r -> {
            Thread t = new Thread(r, "demo-flows");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Map.Entry<Engine, Queue<Flow>> entry : queues.entrySet()) {
                for (int i = 0; i < options.parallel(); i++) {
                    workers.execute(() -> work(entry.getKey(), entry.getValue(), site, plan, feedback, providers,
                            results, progress, startFailures));
                }
            }
            workers.shutdown();
            awaitTermination(workers);
        } finally {
            workers.shutdownNow();
            progress.finish();
        }
        // flows no browser could take, because it did not start
        queues.forEach((engine, queue) -> queue.forEach(f -> results.add(FlowResult.failed(f, null,
                "not run: " + startFailures.getOrDefault(engine, "the browser stopped"), Duration.ZERO))));
        return List.copyOf(results);
    }

    /** One worker: its own browser, taking the engine's flows one after another. */
    private void work(Engine engine, Queue<Flow> queue, DemoSite site, ProviderPlan plan, CaptchaFeedback feedback,
            ProviderRegistry providers, List<FlowResult> results, Progress progress, Map<Engine, String> startFailures) {
        BrowserFlows browser;
        try {
            browser = engine == Engine.SELENIUM ? new SeleniumFlows(feedback) : new PlaywrightFlows(feedback);
        } catch (RuntimeException e) {
            startFailures.putIfAbsent(engine, "could not start " + engine.label() + ": " + firstLine(e));
            return;
        }
        try (browser) {
            Flow flow;
            while ((flow = queue.poll()) != null) {
                FlowResult result = runFlow(browser, flow, site, plan, providers);
                results.add(result);
                progress.flowDone(engine, result.verdict() != null
                        && result.verdict().verdict().outcome() == flow.expectedOutcome());
            }
        }
    }

    /** {@code --solve}: the flow's provider, then those that solve every demo widget on the emulator. */
    private static SolvePolicy solvePolicy(Flow flow) {
        List<String> order = new ArrayList<>(List.of(flow.provider()));
        for (String p : List.of(ProviderTypes.UCAPTCHA, ProviderTypes.REGOTCHA, ProviderTypes.TWOCAPTCHA)) {
            if (!order.contains(p)) {
                order.add(p);
            }
        }
        return SolvePolicy.of(order.toArray(String[]::new));
    }

    private FlowResult runFlow(BrowserFlows browser, Flow flow, DemoSite site, ProviderPlan plan,
            ProviderRegistry providers) {
        long start = System.nanoTime();
        SolvedTask task = null;
        AtomicReference<SolvedTask> bought = new AtomicReference<>();
        try {
            String url = site.url(flow.page());
            TaskVerdict verdict;
            if (solver != null) {
                // the flow's provider first; one that cannot solve the widget falls back to the next
                Flow planned = flow;
                verdict = browser.solveAndSignIn(url, flow.page().widget(), solver, solvePolicy(flow), t -> {
                    bought.set(t);
                    plan.spoilIfBad(planned, t);
                }).orElse(null);
                task = bought.get();
                if (task != null && !task.providerId().equals(flow.provider())) {
                    flow = new Flow(flow.engine(), flow.page(), flow.goodToken(), task.providerId());
                }
            } else {
                task = plan.solve(flow, url, providers.adapter(flow.provider()).orElseThrow());
                verdict = browser.signIn(url, flow.page().widget(), task).orElse(null);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return verdict == null
                    ? FlowResult.failed(flow, task, "no verdict within " + BrowserFlows.VERDICT_WAIT.toSeconds() + " s", took)
                    : new FlowResult(flow, task, verdict, null, took);
        } catch (RuntimeException e) {
            return FlowResult.failed(flow, task != null ? task : bought.get(), firstLine(e),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Waits (bounded by {@link #DELIVERY_WAIT} in all) for the feedback of every verdict to be delivered or skipped. */
    private Map<FlowResult, Delivery> awaitDeliveries(List<FlowResult> results) {
        long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
        Map<FlowResult, Delivery> deliveries = new LinkedHashMap<>();
        for (FlowResult r : results) {
            if (r.verdict() == null) {
                continue;
            }
            try {
                deliveries.put(r, r.verdict().report().delivery()
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException | ExecutionException e) {
                // left out: the row says the delivery was not decided
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return deliveries;
    }

    private void totals(List<Row> rows, Duration took, ProviderPlan plan) {
        Map<Outcome, Long> verdicts = new EnumMap<>(Outcome.class);
        rows.stream().filter(r -> r.verdict() != null).forEach(r -> verdicts.merge(r.verdict(), 1L, Long::sum));
        long positive = rows.stream().filter(r -> r.feedback().equals("positive")).count();
        long negative = rows.stream().filter(r -> r.feedback().equals("negative")).count();
        out.printf("Verdicts: %s.%n", verdicts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")));
        out.printf("Feedback: %d sent (%d positive, %d negative) to %s; %d verdicts sent none.%n",
                positive + negative, positive, negative,
                plan.realProviders() ? "the configured providers" : "the emulated providers",
                rows.size() - positive - negative);
        Map<Engine, Duration> busy = new EnumMap<>(Engine.class);
        rows.forEach(r -> busy.merge(r.flow().engine(), r.took(), Duration::plus));
        Row slowest = rows.stream().max(Comparator.comparing(Row::took)).orElse(null);
        out.printf("Time: %d flows in %.1f s (%d at a time per engine); browser time %s",
                rows.size(), took.toMillis() / 1000.0, options.parallel(),
                busy.entrySet().stream().map(e -> String.format("%s %.1f s", e.getKey().label(), e.getValue().toMillis() / 1000.0))
                        .collect(Collectors.joining(", ")));
        if (slowest != null) {
            out.printf("; slowest flow %s %s %s token, %.1f s", slowest.flow().engine().label(), slowest.flow().page(),
                    slowest.flow().token(), slowest.took().toMillis() / 1000.0);
        }
        out.println(".");
    }

    /** Writes the report once the deliveries still being recorded into it are in (bounded). */
    private VerdictReport.Written write(VerdictReport report) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (report.snapshot().total().pending() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return report.write(options.reportDir());
    }

    private void waitForEnter(DemoSite site, ProviderEmulator emulator, VerdictReport.Written report) {
        out.println();
        out.println("The demo site and the provider emulator are still running:");
        out.println("  " + site.baseUrl() + "/   every page; click a widget to get a token by hand");
        out.println("  " + emulator.baseUrl() + "   the emulated provider APIs");
        out.println("  " + report.html().toUri() + "   the verdict report");
        out.print("Press Enter to stop. ");
        out.flush();
        try {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            // stop anyway
        }
    }

    /** Page by page in the site's order, the good token first, then by engine. */
    private static Comparator<Row> tableOrder() {
        List<DemoPage> pages = DemoSite.pages();
        return Comparator.<Row>comparingInt(r -> pages.indexOf(r.flow().page()))
                .thenComparing(r -> !r.flow().goodToken())
                .thenComparing(r -> r.flow().engine());
    }

    private static void awaitTermination(ExecutorService workers) {
        try {
            if (!workers.awaitTermination(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the flows did not finish within 30 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: left for the system to clean
        }
    }
}
