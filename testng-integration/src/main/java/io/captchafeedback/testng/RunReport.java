package io.captchafeedback.testng;

import io.captchafeedback.TaskVerdict;
import io.captchafeedback.verdictreport.VerdictReport;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verdict report of the TestNG run: every suite's verdicts, written when a suite finishes (so the last
 * write holds the whole run). Started afresh when TestNG announces a new run.
 */
final class RunReport {
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
    private static volatile VerdictReport current = VerdictReport.create();

    private RunReport() {
    }

    static void startRun() {
        current = VerdictReport.create();
    }

    static void record(TaskVerdict verdict) {
        current.record(verdict.task(), verdict.verdict(), verdict.report());
    }

    static void write(Path dir) {
        VerdictReport report = current;
        if (report.snapshot().total().verdicts() == 0) {
            return;
        }
        try {
            VerdictReport.Written written = report.write(dir);
            LOG.info("captcha-feedback verdict report of this run: {}", written.html().toAbsolutePath());
        } catch (UncheckedIOException e) {
            LOG.warn("the run's verdict report was not written: {}", e.getMessage());
        }
    }
}
