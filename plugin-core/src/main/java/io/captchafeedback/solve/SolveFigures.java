package io.captchafeedback.solve;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What solving cost at one provider and how the sites took its tokens, for the verdict report: the
 * solver's figures ({@link SolveStatistics}) next to the verdicts about the
 * tokens it solved.
 *
 * <pre>{@code
 * VerdictReport report = VerdictReport.create().solveStatistics(solver.statistics());
 * SolveFigures f = report.solving().get("capsolver");
 * log.info("{} accepted, solved on average in {}", f.accepted(), f.averageSolveTimeAccepted());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param attempts solves started at the provider
 * @param solved solves that gave a token
 * @param failures failed solves by kind ({@code ZeroBalance}, {@code Unsolvable}, {@code Timeout} ...)
 * @param averageSolveTime average solve time of the solved ones (zero when none)
 * @param maxSolveTime the longest solve time
 * @param accepted verdicts ACCEPTED about tokens this solver bought there
 * @param rejectedCaptcha verdicts REJECTED_CAPTCHA about them
 * @param averageSolveTimeAccepted average solve time of the accepted ones (zero when none)
 */
public record SolveFigures(long attempts, long solved, Map<String, Long> failures, Duration averageSolveTime,
        Duration maxSolveTime, long accepted, long rejectedCaptcha, Duration averageSolveTimeAccepted) {

    public SolveFigures {
        failures = Map.copyOf(failures);
        Objects.requireNonNull(averageSolveTime, "averageSolveTime == null");
        Objects.requireNonNull(maxSolveTime, "maxSolveTime == null");
        Objects.requireNonNull(averageSolveTimeAccepted, "averageSolveTimeAccepted == null");
    }
}
