package io.captchafeedback.samples.demo;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * The progress line. Interactive: one line redrawn with {@code \r}. Otherwise: a plain line every
 * eighth of the flows and when an engine is done, for logs and CI. Thread-safe.
 */
final class Progress {
    private final PrintStream out;
    private final boolean interactive;
    private final int total;
    private final Map<Engine, Integer> perEngine;
    private final Map<Engine, Integer> done = new EnumMap<>(Engine.class);
    private final long startNanos = System.nanoTime();
    private final int step;
    private int finished;
    private int unexpected;
    private int lastLength;

    Progress(PrintStream out, boolean interactive, Map<Engine, Integer> perEngine) {
        this.out = out;
        this.interactive = interactive;
        this.perEngine = new EnumMap<>(perEngine);
        this.total = perEngine.values().stream().mapToInt(Integer::intValue).sum();
        this.step = Math.max(1, (total + 7) / 8);
        perEngine.keySet().forEach(e -> done.put(e, 0));
    }

    /** One flow finished; {@code asExpected} says whether its verdict was the expected one. */
    synchronized void flowDone(Engine engine, boolean asExpected) {
        finished++;
        int engineDone = done.merge(engine, 1, Integer::sum);
        if (!asExpected) {
            unexpected++;
        }
        if (interactive) {
            String line = line();
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            out.flush();
            return;
        }
        if (finished % step == 0 || finished == total) {
            out.println(line());
        }
        if (engineDone == perEngine.get(engine)) {
            out.printf("  %s: all %d flows done after %.1f s%n", engine.label(), engineDone, seconds());
        }
    }

    /** Ends the interactive line. */
    synchronized void finish() {
        if (interactive && lastLength > 0) {
            out.println();
        }
    }

    private String line() {
        StringBuilder line = new StringBuilder(String.format("  %3d/%d flows", finished, total));
        done.forEach((engine, n) -> line.append(String.format("  %s %d/%d", engine.label(), n, perEngine.get(engine))));
        line.append(String.format("  %d unexpected  %.0f s", unexpected, seconds()));
        return line.toString();
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
