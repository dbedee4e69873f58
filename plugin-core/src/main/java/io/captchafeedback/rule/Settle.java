package io.captchafeedback.rule;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a {@link Detection} lets the page settle before it decides. When an event (a probe, a
 * response, a widget call, a navigation) makes a rule hold, the detection does not decide at once: it
 * waits until nothing has changed for {@code quiet}, but never longer than {@code max} after a rule first
 * held, and then decides by rule order on the latest state. So a rule listed earlier wins whenever it
 * holds on the settled page, even if its evidence arrived a few milliseconds after a later rule's (text
 * rendered in the same handler that reset the widget, a JSON body read after the widget event).
 *
 * <p>The wait ends early when nothing could beat the rule that holds: it is the first rule of the set,
 * or every rule before it is checked by the in-page probe alone (element, text, URL, cookie, script) and
 * the page was probed after the last event (the probe's widget-hook logs include every widget call seen),
 * so the probe shows the page as that event's handler left it. This keeps the common verdicts as fast
 * as without settling.
 *
 * <pre>{@code
 * RuleSet set = RuleSet.builder("*.shop.example")
 *         .settle(Settle.of(Duration.ofMillis(50), Duration.ofMillis(200)))
 *         // .rule(...) for each rule
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param quiet how long nothing may change before deciding
 * @param max the longest wait after a rule first held, whatever keeps changing
 */
public record Settle(Duration quiet, Duration max) {

    /** 100 ms quiet, at most 250 ms: the default of every rule set. */
    public static final Settle DEFAULT = new Settle(Duration.ofMillis(100), Duration.ofMillis(250));

    /** Decide as soon as a rule holds (the behaviour before settling existed; earlier rules may lose races). */
    public static final Settle NONE = new Settle(Duration.ZERO, Duration.ZERO);

    public Settle {
        Objects.requireNonNull(quiet, "quiet == null");
        Objects.requireNonNull(max, "max == null");
        if (quiet.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("settle durations cannot be negative, got quiet " + quiet + ", max " + max);
        }
        if (max.compareTo(quiet) < 0) {
            throw new IllegalArgumentException("settle max (" + max.toMillis() + "ms) is shorter than quiet ("
                    + quiet.toMillis() + "ms)");
        }
        if (max.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("settle max is at most 5s, got " + max.toMillis() + "ms");
        }
    }

    /** A settle window. */
    public static Settle of(Duration quiet, Duration max) {
        return new Settle(quiet, max);
    }
}
