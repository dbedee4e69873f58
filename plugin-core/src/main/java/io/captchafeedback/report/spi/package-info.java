/**
 * The service-provider interface of outboxes shared by a fleet of reporters ({@link
 * io.captchafeedback.report.spi.SharedOutbox}); the file outbox stays the embedded default.
 */
package io.captchafeedback.report.spi;
