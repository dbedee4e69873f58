package io.captchafeedback.task;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Why a verdict was reached: the rule that decided and what it saw.
 *
 * <pre>{@code
 * Evidence e = Evidence.of("login-error-text", Evidence.Observation.of("text", "Invalid captcha"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the name of the rule that decided, or a description such as {@code "timeout"}
 * @param observations what the rule saw, in the order it was seen; never {@code null}
 * @param decidedAt when the verdict was reached
 */
public record Evidence(String rule, List<Observation> observations, Instant decidedAt) {

    /** The longest observed value kept; longer values are cut with an ellipsis. */
    public static final int MAX_VALUE_LENGTH = 500;

    public Evidence {
        Objects.requireNonNull(rule, "rule == null");
        observations = List.copyOf(Objects.requireNonNull(observations, "observations == null"));
        Objects.requireNonNull(decidedAt, "decidedAt == null");
    }

    /** Evidence decided now. */
    public static Evidence of(String rule, Observation... observations) {
        return new Evidence(rule, List.of(observations), Instant.now());
    }

    /**
     * One thing a rule saw.
     *
     * @param source what kind of signal: {@code url}, {@code element}, {@code text}, {@code response},
     *     {@code cookie}, {@code widget-reset}, {@code script}, ...
     * @param value the observed value (URL, status and URL, text excerpt), capped at
     *     {@link #MAX_VALUE_LENGTH} characters
     * @param at when it was observed
     */
    public record Observation(String source, String value, Instant at) {
        public Observation {
            Objects.requireNonNull(source, "source == null");
            value = cap(value == null ? "" : value);
            Objects.requireNonNull(at, "at == null");
        }

        /** An observation made now. */
        public static Observation of(String source, String value) {
            return new Observation(source, value, Instant.now());
        }

        private static String cap(String value) {
            return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
        }
    }
}
