package io.captchafeedback.report;

import java.nio.charset.StandardCharsets;

/**
 * The keys of completed tasks with the time until which each must be remembered, as 64-bit hashes in
 * an open-addressing table: 12 bytes per slot (the hash and the retention time in seconds), at most
 * 4 slots per key and usually 2 to 3, so a million completed tasks take 24 to 48 MB.
 * Expired keys are dropped when the table is rebuilt. A hash collision between two different keys
 * (odds about 1 in 10^7 per million keys) could make one report count as a duplicate: the
 * reporter then errs on the side of sending nothing rather than twice. Not thread-safe.
 */
final class KeyIndex {
    private long[] keys;
    /** Retention times in seconds since {@link #BASE}. */
    private int[] until;
    private int size;

    /** The epoch of the retention times: 2020-01-01T00:00:00Z, in milliseconds. */
    private static final long BASE = 1_577_836_800_000L;

    KeyIndex() {
        keys = new long[64];
        until = new int[64];
    }

    private static int encode(long millis) {
        long seconds = Math.floorDiv(millis - BASE, 1000L) + 1; // rounded up: never forget early
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, seconds));
    }

    private static long decode(int seconds) {
        return BASE + seconds * 1000L;
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
                return decode(until[i]) >= now;
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
        insertEncoded(key, encode(retainUntil));
    }

    private void insertEncoded(long key, int retainUntil) {
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

    /** The live keys and their retention times, as two parallel arrays. */
    long[][] snapshot(long now) {
        int live = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && decode(until[i]) >= now) {
                live++;
            }
        }
        long[] k = new long[live];
        long[] u = new long[live];
        int j = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && decode(until[i]) >= now) {
                k[j] = keys[i];
                u[j++] = decode(until[i]);
            }
        }
        return new long[][] {k, u};
    }

    private void rebuild(long now) {
        long[] oldKeys = keys;
        int[] oldUntil = until;
        int nowSeconds = encode(now) - 1;
        int live = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && oldUntil[i] >= nowSeconds) {
                live++;
            }
        }
        int capacity = 64;
        while (capacity < (live + 1) * 2L) { // at most half full after a rebuild
            capacity <<= 1;
        }
        keys = new long[capacity];
        until = new int[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && oldUntil[i] >= nowSeconds) {
                insertEncoded(oldKeys[i], oldUntil[i]);
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
