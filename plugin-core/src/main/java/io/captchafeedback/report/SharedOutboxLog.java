package io.captchafeedback.report;

import io.captchafeedback.report.spi.BreakerSync;
import io.captchafeedback.report.spi.FleetCount;
import io.captchafeedback.report.spi.SharedOutbox;
import io.captchafeedback.report.spi.StoredFeedback;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The reporter's view of a {@link SharedOutbox}: an entry whose key another worker stored is marked
 * {@link Entry#storedElsewhere}; a request goes out only after the claim was checked. Thread-safe.
 */
final class SharedOutboxLog implements OutboxLog {
    private final SharedOutbox outbox;

    SharedOutboxLog(SharedOutbox outbox) {
        this.outbox = outbox;
    }

    void start(Consumer<List<Entry>> takenOver) {
        outbox.start(list -> takenOver.accept(list.stream().map(SharedOutboxLog::entry).toList()));
    }

    private static Entry entry(StoredFeedback f) {
        Entry e = new Entry(f.key(), f.feedback(), f.site(), f.enqueuedAt(), f.deadline(), System.nanoTime());
        e.attempted = f.attempted();
        e.held = f.held();
        e.durable.complete(null);
        return e;
    }

    @Override
    public void append(Entry entry) {
        StoredFeedback f = new StoredFeedback(entry.hash, entry.feedback, entry.site, entry.enqueuedAt, entry.deadline,
                false, false);
        outbox.insert(f).whenComplete((stored, failure) -> {
            if (failure != null) {
                entry.durable.completeExceptionally(failure);
            } else {
                entry.storedElsewhere = !stored;
                entry.durable.complete(null);
            }
        });
    }

    @Override
    public boolean behind(long slackNanos) {
        return true; // report() waits for its row: whether another worker has the key is known only then
    }

    @Override
    public CompletableFuture<Void> attempt(Entry entry) {
        entry.attempted = true;
        return outbox.attempt(entry.hash).thenApply(claimed -> {
            if (!claimed) {
                throw new IllegalStateException("another worker of the fleet took it over");
            }
            return null;
        });
    }

    @Override
    public void hold(Entry entry) {
        outbox.hold(entry.hash);
    }

    @Override
    public CompletableFuture<Void> done(Entry entry, DeliveryStatus status, long retainUntil) {
        return outbox.done(entry.hash, retainUntil, status.name());
    }

    @Override
    public long longestForceNanos() {
        return 0;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public String location() {
        return outbox.location();
    }

    long depth() {
        return outbox.depth();
    }

    CompletableFuture<BreakerSync.Answer> syncBreakers(BreakerSync sync) {
        return outbox.syncBreakers(sync);
    }

    CompletableFuture<List<FleetCount>> fleetCounts() {
        return outbox.fleetCounts();
    }

    @Override
    public void close() {
        outbox.close();
    }
}
