package io.captchafeedback.report.internal;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.solve.SolveFigures;
import io.captchafeedback.solve.SolveStatistics;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The verdicts about tokens a {@code Solver} bought, per provider, next to the solver's figures: what
 * {@code VerdictReport.solving()} and {@code ReporterStatistics.solving()} show. Thread-safe (one lock).
 */
public final class SolveTally {

    private volatile SolveStatistics statistics;
    /** Per provider: [accepted, rejectedCaptcha, accepted solve time in nanos] (guarded by this). */
    private final Map<String, long[]> verdicts = new TreeMap<>();

    /** Attaches the solver's statistics; verdicts recorded from now on are matched to their solve time. */
    public void statistics(SolveStatistics statistics) {
        this.statistics = Objects.requireNonNull(statistics, "statistics == null");
    }

    /** Counts a verdict when its task was solved by the attached solver (known solve time). */
    public void record(SolvedTask task, Outcome outcome) {
        SolveStatistics stats = statistics;
        if (stats == null || (outcome != Outcome.ACCEPTED && outcome != Outcome.REJECTED_CAPTCHA)) {
            return;
        }
        Optional<Duration> solveTime = stats.solveTimeOf(task);
        if (solveTime.isEmpty()) {
            return;
        }
        synchronized (this) {
            long[] v = verdicts.computeIfAbsent(task.providerId(), k -> new long[3]);
            if (outcome == Outcome.ACCEPTED) {
                v[0]++;
                v[2] += solveTime.get().toNanos();
            } else {
                v[1]++;
            }
        }
    }

    /** The figures per provider; empty when no solver's statistics are attached. */
    public Map<String, SolveFigures> figures() {
        SolveStatistics stats = statistics;
        if (stats == null) {
            return Map.of();
        }
        Map<String, SolveFigures> out = new TreeMap<>();
        Map<String, SolveStatistics.Figures> solver = stats.snapshot();
        synchronized (this) {
            solver.forEach((provider, f) -> {
                long[] v = verdicts.getOrDefault(provider, new long[3]);
                out.put(provider, new SolveFigures(f.attempts(), f.solved(), f.failures(), f.averageSolveTime(),
                        f.maxSolveTime(), v[0], v[1], v[0] == 0 ? Duration.ZERO : Duration.ofNanos(v[2] / v[0])));
            });
        }
        return Collections.unmodifiableMap(out);
    }
}
