package io.captchafeedback.testkit.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Fault switches of a {@link ProviderEmulator}: make the provider APIs fail the way real ones do, to
 * test retries, timeouts and circuit breakers.
 *
 * <p>Counted faults ({@link #failNext}, {@link #resetNext}, {@link #htmlNext}) apply to the next
 * requests to a provider API (every path under a provider prefix), in the order they were queued;
 * {@link #delay} applies to every such request until changed. {@code /siteverify} and the demo site are
 * never affected, except by {@link #down()}, which closes the listening socket.
 *
 * <pre>{@code
 * emulator.faults().failNext(2, 503);                 // two 503s, then normal answers
 * emulator.faults().failNext(1, 429, Duration.ofSeconds(3)); // with Retry-After: 3
 * emulator.faults().resetNext(1);                     // close the connection without an answer
 * emulator.faults().htmlNext(1);                      // a 200 text/html maintenance page
 * emulator.faults().delay(Duration.ofSeconds(2));     // answer slowly
 * emulator.faults().down();                           // refuse connections ...
 * emulator.faults().up();                             // ... then come back
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class EmulatorFaults {

    /** What the next faulty request gets. */
    sealed interface Fault {
        /** Answer with an HTTP status, optionally with {@code Retry-After}. */
        record Status(int status, Duration retryAfter) implements Fault {
        }

        /** Close the connection without any answer. */
        record Reset() implements Fault {
        }

        /** Answer 200 with an HTML page instead of the provider's JSON. */
        record Html(int status) implements Fault {
        }

        /** Answer with the provider's own documented "try again later" error. */
        record Busy() implements Fault {
        }
    }

    private final ProviderEmulator emulator;
    private final Deque<Fault> queued = new ArrayDeque<>();
    private Duration delay = Duration.ZERO;
    private int faultsServed;

    EmulatorFaults(ProviderEmulator emulator) {
        this.emulator = emulator;
    }

    /** Answers the next {@code n} provider requests with HTTP {@code status} and a short text body. */
    public EmulatorFaults failNext(int n, int status) {
        return failNext(n, status, null);
    }

    /**
     * Answers the next {@code n} provider requests with HTTP {@code status} and, when
     * {@code retryAfter} is not null, a {@code Retry-After} header in whole seconds.
     */
    public EmulatorFaults failNext(int n, int status, Duration retryAfter) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return queue(n, new Fault.Status(status, retryAfter));
    }

    /**
     * Answers the next {@code n} provider requests with the provider's own documented temporary error:
     * CapSolver HTTP 400 {@code ERROR_SERVICE_UNAVALIABLE}, Anti-Captcha and 2Captcha
     * {@code ERROR_NO_SLOT_AVAILABLE} (errorId 2), CapMonster Cloud {@code ERROR_TOO_MUCH_REQUESTS}; providers
     * that document none (uCaptcha, reGOTCHA, NextCaptcha) get HTTP 503, as {@link #failNext(int, int)}.
     */
    public EmulatorFaults busyNext(int n) {
        return queue(n, new Fault.Busy());
    }

    /** Closes the connection of the next {@code n} provider requests without answering. */
    public EmulatorFaults resetNext(int n) {
        return queue(n, new Fault.Reset());
    }

    /** Answers the next {@code n} provider requests with a 200 HTML page (a proxy's or maintenance page). */
    public EmulatorFaults htmlNext(int n) {
        return htmlNext(n, 200);
    }

    /** Answers the next {@code n} provider requests with an HTML page and the given status (e.g. 502). */
    public EmulatorFaults htmlNext(int n, int status) {
        return queue(n, new Fault.Html(status));
    }

    /** Delays every provider answer by {@code delay} ({@link Duration#ZERO} to stop). */
    public synchronized EmulatorFaults delay(Duration delay) {
        Objects.requireNonNull(delay, "delay == null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + delay);
        }
        this.delay = delay;
        return this;
    }

    /**
     * Stops the server: connections to its port are refused until {@link #up()}. Requests in flight
     * are cut.
     */
    public EmulatorFaults down() {
        emulator.stopListening();
        return this;
    }

    /**
     * Starts answering again on the same port, with all state kept.
     *
     * @throws UncheckedIOException when the port was taken in the meantime
     * @throws IllegalStateException when the emulator was closed
     */
    public EmulatorFaults up() {
        try {
            emulator.startListening();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen again on " + emulator.baseUrl(), e);
        }
        return this;
    }

    /** Whether the server is listening. */
    public boolean isUp() {
        return emulator.isListening();
    }

    /** Removes every queued fault and the delay (does not bring a down server up). */
    public synchronized EmulatorFaults clear() {
        queued.clear();
        delay = Duration.ZERO;
        return this;
    }

    /** How many counted faults are still queued. */
    public synchronized int pending() {
        return queued.size();
    }

    /** How many requests have been answered with a counted fault so far. */
    public synchronized int served() {
        return faultsServed;
    }

    private synchronized EmulatorFaults queue(int n, Fault fault) {
        if (n < 0) {
            throw new IllegalArgumentException("n is negative: " + n);
        }
        for (int i = 0; i < n; i++) {
            queued.addLast(fault);
        }
        return this;
    }

    synchronized Fault takeNext() {
        Fault f = queued.pollFirst();
        if (f != null) {
            faultsServed++;
        }
        return f;
    }

    synchronized Duration currentDelay() {
        return delay;
    }
}
