package io.captchafeedback.cli;

import io.captchafeedback.CaptchaFeedbackConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.OutboxEntry;
import io.captchafeedback.report.OutboxLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code outbox}: lists the feedback still in an outbox directory (read only: nothing is sent), or opens the
 * reporter on it (which, as at every start, delivers what is due) to release or discard the negative
 * reports held by an open breaker of a (provider, site).
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "list: the entries still in the outbox (pending, held, uncertain) with provider, task id, site, "
                + "state, age and attempts; nothing is sent. release / discard: open the outbox with the configured "
                + "providers (what is due is delivered, as at every start) and send or drop the negative reports held "
                + "for a provider and site, or by task (--task provider/taskId).")
final class OutboxCommand implements Callable<Integer> {

    enum Action { list, release, discard }

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, release or discard")
    Action action;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the configuration file (providers; release, discard)")
    Path config;

    @Option(names = {"-d", "--dir"}, required = true, paramLabel = "DIR", description = "the outbox directory")
    Path dir;

    @Option(names = "--provider", paramLabel = "ID", description = "the provider (release, discard)")
    String provider;

    @Option(names = "--site", paramLabel = "HOST", description = "the site (release, discard)")
    String site;

    @Option(names = "--task", paramLabel = "KEY", description = "one held report, by provider/taskId as list shows them (release, discard)")
    List<String> tasks;

    @Option(names = "--json", description = "list as a JSON array")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, dir + ": no such outbox directory");
        }
        if (action == Action.list) {
            List<OutboxEntry> entries;
            try {
                entries = OutboxEntry.read(dir, Clock.systemUTC());
            } catch (OutboxLockedException e) {
                throw new CommandLine.ParameterException(cl, dir + ": a running reporter holds this outbox; list it when it stops");
            }
            Instant now = Instant.now();
            cl.getOut().print(json ? json(entries, now) : table(entries, now));
            return Main.OK;
        }
        boolean byTask = tasks != null && !tasks.isEmpty();
        if (config == null || (!byTask && (provider == null || site == null)) || (byTask && (provider != null || site != null))) {
            throw new CommandLine.ParameterException(cl, action + " needs --config, and --provider with --site, or --task");
        }
        CaptchaFeedbackConfig cfg = CaptchaFeedbackConfig.load(config);
        cfg.requireProviders();
        int missing = 0;
        try (FeedbackReporter reporter = FeedbackReporter.builder().registry(ProviderRegistry.create(cfg.providers()))
                .outbox(dir).build()) {
            String done = action == Action.release ? "released" : "discarded";
            if (!byTask) {
                int n = action == Action.release ? reporter.release(provider, site) : reporter.discard(provider, site);
                cl.getOut().println(done + " " + n + " held reports");
            }
            for (String key : byTask ? tasks : List.<String>of()) {
                if (action == Action.release ? reporter.releaseTask(key) : reporter.discardTask(key)) {
                    cl.getOut().println(done + " " + key);
                } else {
                    cl.getOut().println(cl.getColorScheme().ansi().string("@|red not held:|@ ") + key);
                    missing++;
                }
            }
        }
        return missing == 0 ? Main.OK : Main.PROBLEMS;
    }

    static String table(List<OutboxEntry> entries, Instant now) {
        StringBuilder b = new StringBuilder(String.format("%-12s %-36s %-24s %-10s %-9s %8s %8s%n", "PROVIDER", "TASK", "SITE",
                "STATE", "VERDICT", "AGE", "ATTEMPTS"));
        for (OutboxEntry e : entries) {
            b.append(String.format("%-12s %-36s %-24s %-10s %-9s %8s %8d%n", e.providerId(), e.taskId(), e.site(), e.state(),
                    e.accepted() ? "accepted" : "rejected", age(e.age(now)), e.attempts()));
        }
        long held = entries.stream().filter(e -> e.state() == OutboxEntry.State.HELD).count();
        long uncertain = entries.stream().filter(e -> e.state() == OutboxEntry.State.UNCERTAIN).count();
        return b.append(entries.size()).append(" entries: ").append(entries.size() - held - uncertain).append(" pending, ")
                .append(held).append(" held, ").append(uncertain).append(" uncertain").append(System.lineSeparator()).toString();
    }

    static String json(List<OutboxEntry> entries, Instant now) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode list = m.createArrayNode();
        for (OutboxEntry e : entries) {
            ObjectNode n = list.addObject();
            n.put("provider", e.providerId()).put("taskId", e.taskId()).put("site", e.site())
                    .put("state", e.state().name().toLowerCase()).put("accepted", e.accepted())
                    .put("enqueuedAt", e.enqueuedAt().toString()).put("ageSeconds", e.age(now).toSeconds())
                    .put("attempts", e.attempts());
        }
        return m.writeValueAsString(list) + System.lineSeparator();
    }

    private static String age(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
    }
}
