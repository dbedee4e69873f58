package io.captchafeedback.testkit;


import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.site.DemoSite;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the {@link ProviderEmulator} (and, with {@code --demo-site}, the {@link DemoSite}) from the command
 * line until interrupted, printing the base URLs and keys:
 *
 * <!-- java: not compiled (shell) -->
 * <pre>{@code
 * java -cp testkit.jar:... io.captchafeedback.testkit.EmulatorMain --port 8089 --demo-site --demo-port 8090
 * }</pre>
 *
 * <p>The keys it prints are the emulator's own test keys, not secrets. One instance serves one run; not
 * meant to be shared between threads.
 */
@Command(name = "captcha-feedback-emulator", mixinStandardHelpOptions = true,
        description = "Emulates the captcha solving providers' APIs (and a protected demo site) on 127.0.0.1.")
public final class EmulatorMain implements Callable<Integer> {

    @Option(names = "--port", description = "Port of the provider emulator (0 = a free one). Default: ${DEFAULT-VALUE}")
    int port = 8089;

    @Option(names = "--demo-site", description = "Also start the demo site.")
    boolean demoSite;

    @Option(names = "--demo-port", description = "Port of the demo site (0 = a free one). Default: ${DEFAULT-VALUE}")
    int demoPort;

    @Option(names = "--bad-token-rate", description = "Share of bad tokens, 0..1. Default: ${DEFAULT-VALUE}")
    double badTokenRate;

    @Option(names = "--slow-delay-ms", description = "Delay of the demo site's slow pages. Default: ${DEFAULT-VALUE}")
    long slowDelayMs = DemoSite.DEFAULT_SLOW_DELAY.toMillis();

    private final CountDownLatch stop;

    EmulatorMain(CountDownLatch stop) {
        this.stop = stop;
    }

    /** Starts the emulator; {@code --help} lists the options. */
    public static void main(String[] args) {
        int code = run(new CountDownLatch(1), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Parses, starts, prints, and blocks until {@code stop} is counted down (or the JVM is interrupted). */
    static int run(CountDownLatch stop, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new EmulatorMain(stop));
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!(badTokenRate >= 0 && badTokenRate <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bad-token-rate must be within 0..1");
        }
        if (slowDelayMs < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--slow-delay-ms must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ProviderEmulator emulator = ProviderEmulator.builder().port(port).badTokenRate(badTokenRate).start();
                DemoSite site = demoSite
                        ? DemoSite.builder(emulator).port(demoPort).slowDelay(Duration.ofMillis(slowDelayMs)).start()
                        : null) {
            out.println("Provider emulator on " + emulator.baseUrl());
            for (String provider : ProviderEmulator.providers()) {
                out.printf("  %-12s base URL %-40s key %s%n", provider, emulator.baseUrl(provider),
                        emulator.apiKey(provider));
            }
            out.println("  siteverify   " + emulator.siteVerifyUrl() + "  secret " + emulator.siteSecret());
            if (site != null) {
                out.println("Demo site on " + site.baseUrl() + "/ (" + DemoSite.pages().size() + " pages)");
            }
            out.println("Press Ctrl+C to stop.");
            out.flush();
            stop.await();
        }
        return 0;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
}
