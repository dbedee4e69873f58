package io.captchafeedback.report;

import io.captchafeedback.report.internal.LatencyHistogram;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The reporter's counters, in total, per provider and per site. Thread-safe. */
final class Stats {
    enum Kind { ACCEPTED, REJECTED, DELIVERED, FAILED, EXPIRED, SKIPPED, SUPPRESSED, RETRIED, HELD, UNCERTAIN }

    private final Counters total = new Counters();
    private final ConcurrentHashMap<String, Counters> providers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counters> sites = new ConcurrentHashMap<>();

    void count(String providerId, String site, Kind kind) {
        total.adders[kind.ordinal()].increment();
        providers.computeIfAbsent(providerId, k -> new Counters()).adders[kind.ordinal()].increment();
        sites.computeIfAbsent(site, k -> new Counters()).adders[kind.ordinal()].increment();
    }

    void latency(String providerId, String site, long nanos) {
        total.latency.record(nanos);
        providers.computeIfAbsent(providerId, k -> new Counters()).latency.record(nanos);
        sites.computeIfAbsent(site, k -> new Counters()).latency.record(nanos);
    }

    ReporterStatistics snapshot() {
        return new ReporterStatistics(total.snapshot(), snapshot(providers), snapshot(sites));
    }

    private static Map<String, ReporterStatistics.Counts> snapshot(Map<String, Counters> map) {
        Map<String, ReporterStatistics.Counts> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.snapshot()));
        return out;
    }

    private static final class Counters {
        final LongAdder[] adders = new LongAdder[Kind.values().length];
        final LatencyHistogram latency = new LatencyHistogram();

        Counters() {
            for (int i = 0; i < adders.length; i++) {
                adders[i] = new LongAdder();
            }
        }

        ReporterStatistics.Counts snapshot() {
            return new ReporterStatistics.Counts(get(Kind.ACCEPTED), get(Kind.REJECTED), get(Kind.DELIVERED),
                    get(Kind.FAILED), get(Kind.EXPIRED), get(Kind.SKIPPED), get(Kind.SUPPRESSED), get(Kind.RETRIED),
                    get(Kind.HELD), get(Kind.UNCERTAIN),
                    latency.percentile(0.50), latency.percentile(0.99), latency.max());
        }

        private long get(Kind kind) {
            return adders[kind.ordinal()].sum();
        }
    }
}
