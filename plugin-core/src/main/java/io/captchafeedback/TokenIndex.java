package io.captchafeedback;

import io.captchafeedback.task.SolvedTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered tokens by value, forgotten after a while (tokens live minutes; a scraping loop must not
 * grow this without bound). Thread-safe.
 */
final class TokenIndex {
    private record Held(SolvedTask task, Instant registeredAt) {
    }

    private final Map<String, Held> byToken = new ConcurrentHashMap<>();
    private final Duration memory;
    private final Clock clock;
    private volatile Instant nextPrune;

    public TokenIndex(Duration memory, Clock clock) {
        this.memory = memory;
        this.clock = clock;
        this.nextPrune = clock.instant().plus(memory);
    }

    public void put(SolvedTask task) {
        Instant now = clock.instant();
        byToken.put(task.token(), new Held(task, now));
        if (now.isAfter(nextPrune)) {
            nextPrune = now.plus(memory);
            Instant oldest = now.minus(memory);
            byToken.values().removeIf(h -> h.registeredAt().isBefore(oldest));
        }
    }

    public Optional<SolvedTask> get(String token) {
        Held held = token == null ? null : byToken.get(token);
        return held == null ? Optional.empty() : Optional.of(held.task());
    }

    /** The first registered task whose token occurs in the text; tokens are long, so a contains test is exact enough. */
    public Optional<SolvedTask> findIn(CharSequence text) {
        if (text == null || byToken.isEmpty()) {
            return Optional.empty();
        }
        String s = text.toString();
        for (Map.Entry<String, Held> e : byToken.entrySet()) {
            if (s.contains(e.getKey())) {
                return Optional.of(e.getValue().task());
            }
        }
        return Optional.empty();
    }

    public void remove(SolvedTask task) {
        byToken.remove(task.token());
    }

    public boolean isEmpty() {
        return byToken.isEmpty();
    }
}
