package io.captchafeedback.cli;

import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReporterStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code outbox}: opens the reporter on an outbox (which, as at every start, delivers what is due) and
 * releases or discards the negative reports held by an open breaker of a (provider, site).
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Open the outbox with the configured providers (what is due is delivered, as at every start), "
                + "then show its counters, or release / discard the negative reports held for a provider and site.")
final class OutboxCommand implements Callable<Integer> {

    enum Action { list, release, discard }

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, release or discard")
    Action action;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the configuration file (providers)")
    Path config;

    @Option(names = {"-d", "--dir"}, required = true, paramLabel = "DIR", description = "the outbox directory")
    Path dir;

    @Option(names = "--provider", paramLabel = "ID", description = "the provider (release, discard)")
    String provider;

    @Option(names = "--site", paramLabel = "HOST", description = "the site (release, discard)")
    String site;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, dir + ": no such outbox directory");
        }
        if (action != Action.list && (provider == null || site == null)) {
            throw new CommandLine.ParameterException(cl, action + " needs --provider and --site");
        }
        CaptchaFeedbackConfig cfg = CaptchaFeedbackConfig.load(config);
        cfg.requireProviders();
        try (FeedbackReporter reporter = FeedbackReporter.builder().registry(ProviderRegistry.create(cfg.providers()))
                .outbox(dir).build()) {
            switch (action) {
                case release -> cl.getOut().println("released " + reporter.release(provider, site) + " held reports");
                case discard -> cl.getOut().println("discarded " + reporter.discard(provider, site) + " held reports");
                default -> {
                    ReporterStatistics s = reporter.statistics();
                    cl.getOut().println(s);
                }
            }
        }
        return Main.OK;
    }
}
