package io.captchafeedback.report;

import io.captchafeedback.spi.Listeners;

/** The reporter's listener as the one listener collection of the library. */
final class SafeListener {
    private SafeListener() {
    }

    /** {@code listener} in a collection of its own; none for {@link ReportListener#NONE}. */
    static Listeners<ReportListener> of(ReportListener listener) {
        Listeners<ReportListener> listeners = Listeners.of("report listener");
        if (listener != ReportListener.NONE) {
            listeners.add(listener);
        }
        return listeners;
    }
}
