package io.captchafeedback.playwright.internal;

import com.microsoft.playwright.ConsoleMessage;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * The one init script per Playwright context or page, and the route of the page agent's messages to
 * the attachment of the moment. Playwright cannot remove an init script, so it is installed once per
 * owner; the agent's messages are {@code console.debug} calls (fire-and-forget: nothing is ever answered
 * to the page, so closing a page or context can never race an answer), read by a console listener that
 * the attachment adds and removes.
 */
final class AgentRouter implements Consumer<ConsoleMessage> {
    static final String PREFIX = "captcha-feedback:";
    private static final Map<Object, AgentRouter> ROUTERS = new WeakHashMap<>();

    private volatile PlaywrightAttachment target;

    private AgentRouter() {
    }

    /** The router of this context or page; {@code installer} runs once, the first time. */
    static AgentRouter forOwner(Object owner, Runnable installer) {
        AgentRouter router;
        boolean fresh;
        synchronized (ROUTERS) {
            router = ROUTERS.get(owner);
            fresh = router == null;
            if (fresh) {
                router = new AgentRouter();
                ROUTERS.put(owner, router);
            }
        }
        if (fresh) {
            try {
                installer.run();
            } catch (RuntimeException e) {
                synchronized (ROUTERS) {
                    ROUTERS.remove(owner);
                }
                throw e;
            }
        }
        return router;
    }

    synchronized void route(PlaywrightAttachment attachment) {
        if (target != null && target != attachment) {
            throw new IllegalStateException("captcha-feedback is already attached here; close that attachment first");
        }
        target = attachment;
    }

    synchronized void release(PlaywrightAttachment attachment) {
        if (target == attachment) {
            target = null;
        }
    }

    @Override
    public void accept(ConsoleMessage message) {
        PlaywrightAttachment current = target;
        if (current == null || !"debug".equals(message.type())) {
            return;
        }
        String text = message.text();
        if (text == null || !text.startsWith(PREFIX)) {
            return;
        }
        current.onPush(message.page(), text.substring(PREFIX.length()));
    }
}
