package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyIndexTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void remembersEveryKeyUntilItsRetentionTimeThroughManyResizes() {
        KeyIndex index = new KeyIndex();
        for (int i = 0; i < 200_000; i++) {
            index.put(KeyIndex.hash("p", "task-" + i), NOW + 60_000, NOW);
        }

        for (int i = 0; i < 200_000; i++) {
            assertThat(index.contains(KeyIndex.hash("p", "task-" + i), NOW + 60_000)).isTrue();
        }
        assertThat(index.contains(KeyIndex.hash("p", "task-200000"), NOW)).isFalse();
        assertThat(index.contains(KeyIndex.hash("other", "task-1"), NOW)).isFalse();
        assertThat(index.contains(KeyIndex.hash("p", "task-1"), NOW + 62_000)).isFalse(); // kept to the second, rounded up
    }

    @Test
    void dropsExpiredKeysWhenItGrows() {
        KeyIndex index = new KeyIndex();
        for (int i = 0; i < 10_000; i++) {
            index.put(KeyIndex.hash("p", "old-" + i), NOW, NOW);
        }
        long later = NOW + 3_600_000;
        for (int i = 0; i < 10_000; i++) {
            index.put(KeyIndex.hash("p", "new-" + i), later + 1000, later);
        }

        assertThat(index.size()).isLessThan(20_000);
        assertThat(index.snapshot(later)[0]).hasSize(10_000);
        assertThat(index.contains(KeyIndex.hash("p", "new-9999"), later)).isTrue();
    }

    @Test
    void keepsTheLaterRetentionTimeOfAKeyPutTwice() {
        KeyIndex index = new KeyIndex();
        long key = KeyIndex.hash("p", "t");
        index.put(key, NOW + 10_000, NOW);
        index.put(key, NOW + 5_000, NOW);

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.contains(key, NOW + 9_000)).isTrue();
    }
}
