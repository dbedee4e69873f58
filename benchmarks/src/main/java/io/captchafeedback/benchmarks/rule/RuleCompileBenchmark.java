package io.captchafeedback.benchmarks.rule;

import io.captchafeedback.spi.CompiledRules;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.Rules;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long reading and compiling a rule file of 100 rules takes (target: under 50 ms). Run on demand:
 * <pre>{@code
 * java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" \
 *     io.captchafeedback.benchmarks.rule.RuleCompileBenchmark
 * }</pre>
 * {@code coldParseAndCompile} (single shot, a fresh JVM each fork, so class loading of Jackson and
 * the rule classes included) is what an application pays at start-up; {@code parseAndCompile} is the
 * steady state; {@code compileOnly} leaves out reading the YAML. Pass a regex to run only some, e.g.
 * {@code parseAndCompile}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RuleCompileBenchmark {

    static final String YAML = HundredRules.yaml();
    static final URI URL = URI.create("http://127.0.0.1/login");

    /** Parse the YAML, validate, resolve includes and build the probe. */
    static CompiledRuleSet parseAndCompileOnce() {
        Rules rules = RuleFiles.parse(ConfigNode.parse("hundred-rules.yml", YAML, false, System::getenv));
        return CompiledRules.of(rules).forUrl(URL).orElseThrow();
    }

    /** Sampled, so that percentiles show through the noise of a shared machine. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 10, time = 1)
    @Fork(1)
    public CompiledRuleSet parseAndCompile() {
        return parseAndCompileOnce();
    }

    static final Rules PARSED = RuleFiles.parse(ConfigNode.parse("hundred-rules.yml", YAML, false, System::getenv));

    /** Only the compilation of already parsed rules into the probe and evaluator. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    public CompiledRuleSet compileOnly() {
        return CompiledRules.of(Rules.of(PARSED.sets())).forUrl(URL).orElseThrow();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public CompiledRuleSet coldParseAndCompile() {
        return parseAndCompileOnce();
    }

    public static void main(String[] args) throws RunnerException {
        String only = args.length > 0 ? "." + args[0] : "";
        new Runner(new OptionsBuilder().include(RuleCompileBenchmark.class.getName() + only).build()).run();
    }
}
