/**
 * Implementation of the rule engine: patterns, JSON helpers, the probe compiler and the evaluator.
 * Not public API: may change in any release.
 */
package io.captchafeedback.rule.internal;
