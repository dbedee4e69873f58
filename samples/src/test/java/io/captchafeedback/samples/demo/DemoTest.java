package io.captchafeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void theDemoRunsEveryFlowAndChecksItsOwnTable() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DemoRun.Result result = Demo.execute(new String[] {"--non-interactive"}, out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(result.exitCode()).as(text).isZero();
    }
}
