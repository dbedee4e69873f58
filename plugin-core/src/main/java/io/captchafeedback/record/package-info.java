/**
 * Recording what a page did after a token was injected, suggesting outcome rules from labelled
 * recordings, and replaying recordings through a rule file. See docs/recording.md.
 */
package io.captchafeedback.record;
