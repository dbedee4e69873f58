package io.captchafeedback.solve;

import io.captchafeedback.task.SolvedTask;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Solve outcomes and solve times per provider, as a {@link Solver} records them: how many tasks were
 * attempted and solved, failures by kind ({@code ZeroBalance}, {@code Unsolvable}, {@code Timeout}...)
 * and the solve time (total, minimum, maximum). One instance may be shared by several solvers.
 *
 * <pre>{@code
 * SolveStatistics stats = new SolveStatistics();
 * Solver solver = Solver.builder(providers).statistics(stats).build();
 * // ...
 * stats.snapshot().get("anticaptcha").averageSolveTime();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SolveStatistics {
    /** How many tasks' solve times are kept for {@link #solveTimeOf}. */
    static final int TASKS_KEPT = 10_000;

    private final Map<String, Counters> byProvider = new LinkedHashMap<>();
    private final Map<String, Duration> byTask = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Duration> eldest) {
            return size() > TASKS_KEPT;
        }
    };

    /**
     * The figures of one provider.
     *
     * @param attempts tasks asked of the provider (each {@code createTask} sent)
     * @param solved tasks that came back solved
     * @param failures failures by kind (the simple name of the {@link SolveException} subtype)
     * @param totalSolveTime the sum of the solve times
     * @param minSolveTime the shortest solve time ({@link Duration#ZERO} before the first solution)
     * @param maxSolveTime the longest solve time
     */
    public record Figures(long attempts, long solved, Map<String, Long> failures, Duration totalSolveTime,
            Duration minSolveTime, Duration maxSolveTime) {

        public Figures {
            failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        }

        /** The mean solve time, {@link Duration#ZERO} before the first solution. */
        public Duration averageSolveTime() {
            return solved == 0 ? Duration.ZERO : totalSolveTime.dividedBy(solved);
        }

        /** Solved tasks over attempts, 0 before the first attempt. */
        public double solveRate() {
            return attempts == 0 ? 0 : (double) solved / attempts;
        }
    }

    /** Records that {@code providerId} was asked for a task. */
    public synchronized void attempted(String providerId) {
        counters(providerId).attempts++;
    }

    /** Records a solution and its solve time; the time is kept per task for the verdict report. */
    public synchronized void solved(SolvedTask task, Duration solveTime) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(solveTime, "solveTime == null");
        byTask.put(task.key(), solveTime);
        Counters f = counters(task.providerId());
        f.solved++;
        f.total = f.total.plus(solveTime);
        f.min = f.solved == 1 || solveTime.compareTo(f.min) < 0 ? solveTime : f.min;
        f.max = solveTime.compareTo(f.max) > 0 ? solveTime : f.max;
    }

    /** The solve time of a task this solver solved (among the last {@value #TASKS_KEPT}), if known. */
    public synchronized Optional<Duration> solveTimeOf(SolvedTask task) {
        return Optional.ofNullable(byTask.get(task.key()));
    }

    /** Records a failure. */
    public synchronized void failed(String providerId, SolveException error) {
        counters(providerId).failures.merge(error.getClass().getSimpleName(), 1L, Long::sum);
    }

    /** The figures per provider id, in the order providers were first seen. */
    public synchronized Map<String, Figures> snapshot() {
        Map<String, Figures> copy = new LinkedHashMap<>();
        byProvider.forEach((id, f) -> copy.put(id, new Figures(f.attempts, f.solved, f.failures, f.total, f.min, f.max)));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public synchronized String toString() {
        return "SolveStatistics" + snapshot();
    }

    private Counters counters(String providerId) {
        Objects.requireNonNull(providerId, "providerId == null");
        return byProvider.computeIfAbsent(providerId, k -> new Counters());
    }

    /** Mutable counters of one provider, guarded by the statistics' lock. */
    private static final class Counters {
        long attempts;
        long solved;
        final Map<String, Long> failures = new TreeMap<>();
        Duration total = Duration.ZERO;
        Duration min = Duration.ZERO;
        Duration max = Duration.ZERO;
    }
}
