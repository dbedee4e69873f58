package io.captchafeedback.playwright.internal;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.spi.Detection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task tracked by an attachment: its pending verdict, the page it was injected into (its home: the
 * page whose navigations count), and the last probe result of every frame of every page watched for it
 * (the home page's frames, popups opened after the injection), merged before the detection reads them.
 * Used on the attachment's thread only.
 */
final class TrackedTask {
    final PendingVerdict pending;
    final Page home;
    private final Map<Frame, Map<String, ?>> probes = new IdentityHashMap<>();

    TrackedTask(PendingVerdict pending, Page home) {
        this.pending = pending;
        this.home = home;
    }

    Optional<Detection> detection() {
        return pending.detection();
    }

    boolean isDone() {
        return pending.isDone();
    }

    /** Remembers what the probe saw in one frame. */
    void probed(Frame frame, Map<String, ?> result) {
        probes.put(frame, result);
    }

    /**
     * Feeds the detection every live frame's last probe: the home page's main frame as the top page, the
     * other frames and popups as frame documents.
     */
    void feedProbes() {
        Detection detection = pending.detection().orElse(null);
        if (detection == null || probes.isEmpty()) {
            return;
        }
        probes.keySet().removeIf(Frame::isDetached);
        Frame main = home.isClosed() ? null : home.mainFrame();
        List<Map<String, ?>> others = new ArrayList<>();
        probes.forEach((frame, result) -> {
            if (frame != main) {
                others.add(result);
            }
        });
        detection.onProbes(main == null ? null : probes.get(main), others);
    }
}
