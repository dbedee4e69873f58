package io.captchafeedback.spi;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one kind of event, and the one way the library calls them: each in the order added,
 * on the calling thread, a listener that throws logged at WARN and skipped (never thrown into the flow
 * that fired the event; only a {@link VirtualMachineError} goes through). Used by
 * {@code CaptchaFeedback}, the reporter and both engine integrations for their {@code onX}/{@code offX}
 * pairs.
 *
 * <pre>{@code
 * private final Listeners<Consumer<TaskVerdict>> verdictListeners = Listeners.of("verdict listener");
 * public void onVerdict(Consumer<TaskVerdict> l) { verdictListeners.add(l); }
 * public void offVerdict(Consumer<TaskVerdict> l) { verdictListeners.remove(l); }
 * void settled(TaskVerdict verdict) { verdictListeners.fire(l -> l.accept(verdict)); }
 * }</pre>
 *
 * <p>Thread-safe: listeners may be added and removed while events fire (a firing sees the listeners
 * present when it started).
 *
 * @param <L> the listener type
 */
public final class Listeners<L> {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final String kind;
    private final List<L> listeners = new CopyOnWriteArrayList<>();

    private Listeners(String kind) {
        this.kind = kind;
    }

    /** An empty collection; {@code kind} names its listeners in log lines ("verdict listener"). */
    public static <L> Listeners<L> of(String kind) {
        return new Listeners<>(Objects.requireNonNull(kind, "kind == null"));
    }

    /** Adds a listener (the same listener added twice is called twice, like Playwright's {@code onX}). */
    public void add(L listener) {
        listeners.add(Objects.requireNonNull(listener, "listener == null"));
    }

    /** Removes one registration of the listener; nothing if it is not there. */
    public void remove(L listener) {
        listeners.remove(listener);
    }

    /** Removes every listener. */
    public void clear() {
        listeners.clear();
    }

    /** Whether no listener is registered. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Calls {@code call} with each listener; what a listener throws is logged and the next one called. */
    public void fire(Consumer<? super L> call) {
        fire("event", call);
    }

    /** As {@link #fire(Consumer)}, naming the event in the log line of a listener that throws. */
    public void fire(String event, Consumer<? super L> call) {
        for (L listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                LOG.warn("{} {} threw in {}; ignored", kind, listener.getClass().getName(), event, e);
            }
        }
    }

    @Override
    public String toString() {
        return "Listeners[" + kind + " x" + listeners.size() + "]";
    }
}
