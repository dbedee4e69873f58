package io.captchafeedback.report.spi;

import java.util.Objects;

/**
 * One figure of a fleet's statistics as a {@link SharedOutbox} keeps them: how many feedbacks of one
 * (provider, site) are in one state.
 *
 * <pre>{@code
 * FleetCount count = new FleetCount("ucaptcha", "shop.example", "DELIVERED", 1_204);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param providerId the provider id
 * @param site the site (host of the page URL)
 * @param status a {@code DeliveryStatus} name of decided feedbacks, {@code "PENDING"} for those waiting for a
 *     decision, or {@code "HELD"} for those an open breaker held at some point (also counted in their status)
 * @param count how many
 */
public record FleetCount(String providerId, String site, String status, long count) {

    /** The status of feedbacks waiting for a decision. */
    public static final String PENDING = "PENDING";
    /** The status of feedbacks that an open breaker held. */
    public static final String HELD = "HELD";

    public FleetCount {
        Objects.requireNonNull(providerId, "providerId == null");
        Objects.requireNonNull(site, "site == null");
        Objects.requireNonNull(status, "status == null");
    }
}
