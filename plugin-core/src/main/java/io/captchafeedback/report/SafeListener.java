package io.captchafeedback.report;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the user's listener, logging and swallowing whatever it throws. Thread-safe. */
final class SafeListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);
    private final ReportListener listener;

    SafeListener(ReportListener listener) {
        this.listener = listener;
    }

    void fire(String event, Consumer<ReportListener> call) {
        if (listener == ReportListener.NONE) {
            return;
        }
        try {
            call.accept(listener);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            LOG.warn("report listener {} threw in {}; ignored", listener.getClass().getName(), event, e);
        }
    }
}
