/**
 * Implementation shared by the delivery side ({@code io.captchafeedback.report}) and the verdict report
 * ({@code io.captchafeedback.verdictreport}): the latency histogram and the tally of verdicts about solved
 * tokens. Depends on neither of them. Not public API: may change in any release.
 */
package io.captchafeedback.report.internal;
