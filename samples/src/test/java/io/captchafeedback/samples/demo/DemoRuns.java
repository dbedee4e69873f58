package io.captchafeedback.samples.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/** Runs the demo as its command line would, capturing what it prints: the tests' one way in. */
final class DemoRuns {

    /**
     * One captured run.
     *
     * @param result what the run produced
     * @param out what it printed on standard output
     * @param err what it printed on standard error
     */
    record Captured(DemoRun.Result result, String out, String err) {
    }

    private DemoRuns() {
    }

    static Captured run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemoRun.Result result = Demo.execute(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Captured(result, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A fresh report directory under {@code target/}. */
    static Path reportDir() {
        return Path.of("target", "demo-reports", UUID.randomUUID().toString());
    }
}
