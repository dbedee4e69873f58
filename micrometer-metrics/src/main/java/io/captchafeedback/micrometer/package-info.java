/** Micrometer meters for a feedback reporter ({@link io.captchafeedback.micrometer.CaptchaFeedbackMetrics}). */
package io.captchafeedback.micrometer;
