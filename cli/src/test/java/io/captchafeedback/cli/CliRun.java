package io.captchafeedback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in the test's JVM: exit code and what it printed, checked for stack traces. */
record CliRun(int code, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(out + err.toString()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
        return new CliRun(code, out.toString(), err.toString());
    }
}
