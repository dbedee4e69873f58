package io.captchafeedback.report;

import java.nio.charset.StandardCharsets;

/**
 * The keys of completed tasks with the time until which each must be remembered, as 64-bit hashes in
 * an open-addressing table (16 bytes per key, so a million completed tasks fit in 32 MB at most).
 * Expired keys are dropped when the table is rebuilt. A hash collision between two different keys
 * (odds about 1 in 10^7 per million keys) could make one report count as a duplicate: the
 * reporter then errs on the side of sending nothing rather than twice. Not thread-safe.
 */
final class KeyIndex {
    private long[] keys;
    private long[] until;
    private int size;

    KeyIndex() {
        keys = new long[64];
        until = new long[64];
    }

    /** The 64-bit hash of a task key (never 0). */
    static long hash(String providerId, String taskId) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, providerId.getBytes(StandardCharsets.UTF_8));
        h = (h ^ '/') * 0x100000001b3L;
        h = mix(h, taskId.getBytes(StandardCharsets.UTF_8));
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static long mix(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    int size() {
        return size;
    }

    boolean contains(long key, long now) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == 0) {
                return false;
            }
            if (k == key) {
                return until[i] >= now;
            }
        }
    }

    /** Remembers {@code key} until {@code retainUntil} (keeps the later time if already present). */
    void put(long key, long retainUntil, long now) {
        if ((size + 1) * 4L > keys.length * 3L) {
            rebuild(now);
        }
        insert(key, retainUntil);
    }

    private void insert(long key, long retainUntil) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == 0) {
                keys[i] = key;
                until[i] = retainUntil;
                size++;
                return;
            }
            if (k == key) {
                until[i] = Math.max(until[i], retainUntil);
                return;
            }
        }
    }

    /** Calls {@code consumer} for every key still to be remembered at {@code now}. */
    void forEachLive(long now, EntryConsumer consumer) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && until[i] >= now) {
                consumer.accept(keys[i], until[i]);
            }
        }
    }

    /** The live keys and their retention times, as two parallel arrays. */
    long[][] snapshot(long now) {
        int live = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && until[i] >= now) {
                live++;
            }
        }
        long[] k = new long[live];
        long[] u = new long[live];
        int j = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && until[i] >= now) {
                k[j] = keys[i];
                u[j++] = until[i];
            }
        }
        return new long[][] {k, u};
    }

    private void rebuild(long now) {
        long[] oldKeys = keys;
        long[] oldUntil = until;
        int live = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && oldUntil[i] >= now) {
                live++;
            }
        }
        int capacity = 64;
        while (capacity * 3L < (live + 1) * 8L) { // keep the load under 3/8 after a rebuild
            capacity <<= 1;
        }
        keys = new long[capacity];
        until = new long[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && oldUntil[i] >= now) {
                insert(oldKeys[i], oldUntil[i]);
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    @FunctionalInterface
    interface EntryConsumer {
        void accept(long key, long retainUntil);
    }
}
