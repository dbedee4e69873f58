package io.captchafeedback.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ListenersTest {

    @Test
    void aListenerThatThrowsIsSkippedAndTheOthersAreStillCalledInOrder() {
        Listeners<Consumer<String>> listeners = Listeners.of("test listener");
        List<String> seen = new ArrayList<>();
        listeners.add(s -> seen.add("first " + s));
        listeners.add(s -> {
            throw new IllegalStateException("boom");
        });
        listeners.add(s -> seen.add("third " + s));

        listeners.fire("test", l -> l.accept("x"));

        assertThat(seen).containsExactly("first x", "third x");
    }

    @Test
    void aVirtualMachineErrorIsNotSwallowed() {
        Listeners<Runnable> listeners = Listeners.of("test listener");
        listeners.add(() -> {
            throw new OutOfMemoryError("simulated");
        });
        assertThatThrownBy(() -> listeners.fire(Runnable::run)).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aListenerRemovedWhileFiringDoesNotDisturbTheFiringAndIsNotCalledAfterwards() {
        Listeners<Runnable> listeners = Listeners.of("test listener");
        List<String> seen = new ArrayList<>();
        Runnable second = () -> seen.add("second");
        listeners.add(() -> {
            seen.add("first");
            listeners.remove(second);
        });
        listeners.add(second);

        listeners.fire(Runnable::run);
        listeners.fire(Runnable::run);

        assertThat(seen).containsExactly("first", "second", "first");
    }

    @Test
    void removingAListenerThatWasNeverAddedChangesNothing() {
        Listeners<Runnable> listeners = Listeners.of("test listener");
        listeners.remove(() -> { });
        assertThat(listeners.isEmpty()).isTrue();
        assertThatThrownBy(() -> listeners.add(null)).isInstanceOf(NullPointerException.class);
    }
}
