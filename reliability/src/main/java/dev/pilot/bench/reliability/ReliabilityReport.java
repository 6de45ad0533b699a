package dev.pilot.bench.reliability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.bench.report.MarkdownTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes {@code RELIABILITY.md} from the figures stored under {@code bench/results/reliability/},
 * its tables with the benchmarks' {@link MarkdownTable}.
 */
final class ReliabilityReport {

    private final Path results;
    private final ObjectMapper json;

    ReliabilityReport(Path results, ObjectMapper json) {
        this.results = results;
        this.json = json;
    }

    void write(Path report) {
        try {
            Files.writeString(report, markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole report, drawn from the stored figures only (the same figures give the same text). */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Reliability\n\n");
        md.append("What faults, outages and hostile input do to Pilot, measured by `scripts/reliability` against real\n")
                .append("servers on 127.0.0.1 (figures in `bench/results/reliability/`). Each run below names its machine and its\n")
                .append("load average; on a busy machine times are upper bounds, and counts (lost, partial sets) are what matter.\n\n");
        runs(md);
        faults(md);
        leader(md);
        soak(md);
        fuzz(md);
        secrets(md);
        notInjected(md);
        return md.toString();
    }

    private void runs(StringBuilder md) {
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("run-")).sorted().toList()) {
                Map<String, Object> run = json.readValue(file.toFile(), new TypeReference<>() {});
                @SuppressWarnings("unchecked")
                Map<String, Object> machine = (Map<String, Object>) run.get("machine");
                md.append("- `").append(file.getFileName().toString().replace("run-", "").replace(".json", ""))
                        .append("` run at ").append(run.get("at"))
                        .append(run.containsKey("commit") ? " (commit `" + run.get("commit") + "`)" : "").append(": ").append(machine.get("cores")).append(" cores, ")
                        .append(machine.get("jdk")).append(", load average ").append(machine.get("loadAverage"))
                        .append(" at start, ").append(run.get("loadAverageAtEnd")).append(" at end\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        md.append('\n');
    }

    private void faults(StringBuilder md) {
        List<FaultFigures> figures = read("faults", new TypeReference<List<FaultFigures>>() {});
        md.append("## Faults\n\n");
        if (figures == null) {
            md.append("Not run yet.\n\n");
            return;
        }
        int services = figures.stream().filter(FaultFigures::injected).mapToInt(FaultFigures::services).max().orElse(0);
        md.append("Pilot's library as an agent uses it: ").append(services).append(" services per backend heartbeating every ")
                .append(Fleet.POLL.toSeconds()).append(" s with a TTL of ").append(Fleet.TTL.toSeconds())
                .append(" s, and one watch per service, all through a fault-injecting TCP proxy on 127.0.0.1 (`local`: the\n")
                .append("directory itself); an independent client reads the catalog directly. *Recover* runs from the catalog's\n")
                .append("restoration (server ready, SIGCONT, heal) until every service is registered again **and** every watch\n")
                .append("holds its full set. *Lost*: registrations the independent client did not find ")
                .append(lostAfter(figures)).append(", the fleet heartbeating meanwhile (goal 0). *Partial sets*: watch deliveries\n")
                .append("between the fault and recovery without the service's instance, i.e. onChange runs an agent would make:\n")
                .append("goal 0 where the catalog kept the registrations (SIGKILL of etcd and ZooKeeper, which keep their data;\n")
                .append("the short cut); after a wipe, a SIGKILL of Consul's dev agent (memory only), a freeze or a cut longer\n")
                .append("than the TTL, the catalog itself dropped them, and the watch rightly says so until the next heartbeat.\n")
                .append("*Cut*: client writes dropped / connections opened while cut.\n\n");
        MarkdownTable table = new MarkdownTable("fault", "backend", "recover (s)", "lost (counted after)", "partial sets",
                "failed heartbeats", "cut: writes / connects");
        for (FaultScenario scenario : FaultScenario.values()) {
            for (FaultFigures f : figures) {
                if (f.scenario() != scenario) {
                    continue;
                }
                if (!f.injected()) {
                    table.row(scenario.description(), f.backend(), "not injected (see below)", "", "", "", "");
                    continue;
                }
                table.row(scenario.description(), f.backend(), Double.isNaN(f.recoverSeconds())
                                ? "**not within " + FaultRun.DEADLINE.toSeconds() + " s**"
                                : String.format(Locale.ROOT, "%.2f", f.recoverSeconds()),
                        f.lost() + " (" + f.lostAfterSeconds() + " s)", f.partialDeliveries(), f.failedHeartbeats(),
                        scenario.isPartition() ? f.writesWhileCut() + " / " + f.connectsWhileCut() : "");
            }
        }
        md.append(table).append('\n');
    }

    /** When the figures counted lost registrations, as the legend says it: each run's own delay. */
    static String lostAfter(List<FaultFigures> figures) {
        List<Long> delays = figures.stream().filter(FaultFigures::injected).map(FaultFigures::lostAfterSeconds)
                .distinct().sorted().toList();
        if (delays.equals(List.of(0L))) {
            return "at recovery (0 s after it: these figures were taken before the later count was measured, so 0 by construction)";
        }
        return delays.stream().map(d -> d + " s").collect(java.util.stream.Collectors.joining(" or ")) + " after recovery"
                + (delays.contains(0L) ? " (0 s: figures taken before the later count was measured)" : "");
    }

    private void leader(StringBuilder md) {
        List<LeaderLoss.Result> runs = read("leader", new TypeReference<List<LeaderLoss.Result>>() {});
        md.append("## Leader loss under load\n\n");
        if (runs == null) {
            md.append("Not run yet.\n\n");
            return;
        }
        md.append("A three-node cluster on 127.0.0.1 (the conformance suite's `EtcdCluster` and `ZooKeeperEnsemble`; Consul below), the\n"
                + "services heartbeating every 1 s (TTL 10 s) and one watch per service, all through one backend object\n"
                + "given every node; the leader SIGKILLed every 10 s and started again 5 s\n"
                + "later. *Missed TTLs*: deliveries to an independent client's watches without a service's instance (the\n"
                + "catalog really lost it), and how many services that touched. *Spurious changes*: such deliveries to the\n"
                + "agent's own watches. Goal 0 for both. *Watches alive at the end*: the run ends with a change every watch\n"
                + "must see (a second instance of every service, written by the independent client); a watch that died at a\n"
                + "kill would report no spurious change, so those that saw it within " + LeaderLoss.FINAL_CHANGE_WITHIN.toSeconds()
                + " s are counted (goal: all; — where not measured).\n\n");
        MarkdownTable table = new MarkdownTable("backend", "services", "leaders killed", "missed TTLs (services)",
                "spurious changes", "failed / sent heartbeats", "lost at end", "watches alive at the end");
        for (LeaderLoss.Result r : runs) {
            table.row(r.backend(), r.services(), r.leaderKills(), r.missedTtls() + " (" + r.servicesMissed() + ")",
                    r.spuriousChanges(), r.failedHeartbeats() + " / " + r.heartbeats(),
                    r.lostAtEnd() + (r.note() == null ? "" : " (" + r.note() + ")"),
                    r.watchesAliveAtEnd() > 0 || r.services() == 0 ? r.watchesAliveAtEnd() + " of " + r.services()
                            : "— (not measured)");
        }
        md.append(table).append("\nConsul: three servers and a client agent (as Consul is deployed; `ConsulCluster` in the suite), Pilot\n"
                + "on the client agent, which holds the TTL checks.\n\n");
    }

    private void soak(StringBuilder md) {
        Soak.Result soak = read("soak", new TypeReference<Soak.Result>() {});
        md.append("## Soak\n\n");
        if (soak == null) {
            md.append("Not run yet.\n\n");
            return;
        }
        List<Soak.Sample> samples = soak.samples();
        md.append("The agent (`agent/target/pilot.jar`, the flags of `bin/pilot`) with ").append(soak.services())
                .append(" services and ").append(soak.services()).append(" upstream watches on a Consul agent, asked for ")
                .append(soak.minutes()).append(" minutes, ran ").append(soak.seconds() > 0
                        ? String.format(Locale.ROOT, "%.1f minutes (measured)", soak.seconds() / 60)
                        : samples.isEmpty() ? "for a time not measured (figures stored before it was)"
                        : String.format(Locale.ROOT, "at least %.1f minutes (its last sample; the end was not recorded in these figures)",
                                samples.getLast().seconds() / 60))
                .append("; the catalog restarted (empty) ").append(soak.restarts()).append(" times. ")
                .append(soak.failed() ? "**The run failed: the agent " + soak.agentExited() + ".** " : "")
                .append("Registrations lost at the end, counted ").append(soak.lostAfterSeconds() > 0
                        ? soak.lostAfterSeconds() + " s after the last check found them all"
                        : "as soon as a check found them all (0 by construction)")
                .append(": **").append(soak.lostAtEnd()).append("**. ")
                .append("Back after each restart (s): ").append(soak.recoverSeconds().stream()
                        .map(s -> String.format(Locale.ROOT, "%.1f", s)).toList()).append(".\n\n");
        if (!samples.isEmpty()) {
            int settled = Math.min(samples.size() - 1, 6); // from one minute in: start-up is over
            MarkdownTable table = new MarkdownTable("", "first (1 min)", "last", "min", "max");
            row(table, "RSS (MB)", samples.subList(settled, samples.size()).stream().mapToDouble(Soak.Sample::rssMb).summaryStatistics(),
                    samples.get(settled).rssMb(), samples.getLast().rssMb());
            row(table, "threads", samples.subList(settled, samples.size()).stream().mapToDouble(Soak.Sample::threads).summaryStatistics(),
                    samples.get(settled).threads(), samples.getLast().threads());
            row(table, "open files", samples.subList(settled, samples.size()).stream().mapToDouble(Soak.Sample::fds).summaryStatistics(),
                    samples.get(settled).fds(), samples.getLast().fds());
            md.append(table).append("\nReading the charts: lines flat between restarts mean nothing accumulates while the catalog is up;\n"
                    + "threads that return to their level after each restart mean the outage's retries end; steps of RSS at\n"
                    + "restarts are the heap growing to its next size (Serial GC, up to the launcher's heap cap: `-Xmx` in `bin/pilot`) or a slow leak, which "
                    + soak.minutes() + " minutes\ncannot tell apart.\n");
            md.append("\n![RSS](bench/results/reliability/soak-rss.png)\n![threads and files](bench/results/reliability/soak-threads-fds.png)\n\n");
        }
    }

    private static void row(MarkdownTable table, String name, DoubleSummaryStatistics stats, double first, double last) {
        table.row(name, MarkdownTable.number(first, 0), MarkdownTable.number(last, 0), MarkdownTable.number(stats.getMin(), 0),
                MarkdownTable.number(stats.getMax(), 0));
    }

    private void fuzz(StringBuilder md) {
        FuzzReport fuzz = read("fuzz", new TypeReference<FuzzReport>() {});
        md.append("## Fuzzing\n\n");
        md.append("`ConfigFuzzTest` (seeded generator): mutated agent configurations, broken JSON text, and arbitrary\n")
                .append("values for every backend's configuration block; only a one-line `ConfigException` may escape, within\n")
                .append("5 s a case. The test command runs 3 000 cases a test; the long run:\n\n");
        if (fuzz == null) {
            md.append("Not run yet.\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "%d tests × %,d cases in %.0f s: **%d failures, %d errors**.%s%n%n",
                    fuzz.properties(), fuzz.casesPerProperty(), fuzz.seconds(), fuzz.failures(), fuzz.errors(),
                    fuzz.casesChecked() ? " Each test's count of cases run was checked against the count asked."
                            : " **The cases are the count asked, not checked against what ran** (a run stored before the check)."));
        }
        List<PayloadFuzz.Result> payloads = read("payloads", new TypeReference<List<PayloadFuzz.Result>>() {});
        md.append("Catalog documents: mutated from the one Pilot stored (fields replaced by hostile values, dropped, added;\n")
                .append("bytes flipped, cut, inserted; random bytes), written with the server's own client 50 at a time, then\n")
                .append("read by Pilot (`instances`, `checkForUpstreamChanges`); only a `DiscoveryException` may escape, within\n")
                .append("10 s. Consul stores only what it validates, so its cases are registration bodies, read back as health JSON.\n\n");
        if (payloads == null) {
            md.append("Not run yet.\n\n");
            return;
        }
        MarkdownTable table = new MarkdownTable("backend", "cases", "refused by the server", "reads", "DiscoveryException",
                "anything else, or a hang", "seconds");
        for (PayloadFuzz.Result r : payloads) {
            table.row(r.backend(), String.format(Locale.ROOT, "%,d", r.cases()), String.format(Locale.ROOT, "%,d", r.refusedByServer()),
                    String.format(Locale.ROOT, "%,d", r.reads()), String.format(Locale.ROOT, "%,d", r.discoveryErrors()),
                    "**" + r.allEscapes() + "**", MarkdownTable.number(r.seconds(), 0));
        }
        md.append(table);
        for (PayloadFuzz.Result r : payloads) {
            r.escapes().forEach(e -> md.append("- ").append(r.backend()).append(": ").append(e).append('\n'));
            if (r.allEscapes() > r.escapes().size()) {
                md.append("- ").append(r.backend()).append(": ").append(r.allEscapes() - r.escapes().size())
                        .append(" more, not listed\n");
            }
        }
        md.append('\n');
    }

    private void secrets(StringBuilder md) {
        SecretScan.Result secrets = read("secrets", new TypeReference<SecretScan.Result>() {});
        md.append("## Secrets\n\n");
        if (secrets == null) {
            md.append("Not run yet.\n\n");
            return;
        }
        md.append("Every credential written in the tests (").append(secrets.credentials().size())
                .append(" values given to a token, password, passphrase or secret) searched for in ").append(secrets.logs())
                .append(" logs (the surefire and failsafe reports in the working tree, the soak's agent log and any given with\n")
                .append("`--logs`, e.g. the captured console output of `scripts/test`): **")
                .append(secrets.hits().size()).append(" hits**.");
        if (!secrets.ambiguous().isEmpty()) {
            md.append(" Not searched, because main sources use the same text as a plain name (e.g. a test key store's\n")
                    .append("password that is also the Consul test agent's node name): ").append(secrets.ambiguous()).append('.');
        }
        md.append("\n\n");
        for (SecretScan.Hit hit : secrets.hits()) {
            md.append("- ").append(hit.log()).append(" holds a credential (").append(hit.credential().length()).append(" characters)\n");
        }
    }

    private void notInjected(StringBuilder md) {
        List<FaultFigures> figures = read("faults", new TypeReference<List<FaultFigures>>() {});
        md.append("## What could not be injected here, and why\n\n");
        if (figures != null) {
            for (FaultFigures f : figures) {
                if (!f.injected()) {
                    md.append("- ").append(f.scenario().description()).append(" on ").append(f.backend()).append(": ")
                            .append(f.notInjected()).append('\n');
                }
            }
        }
        md.append("- Network namespaces: the partition uses a TCP proxy on 127.0.0.1 (portable, no root); it models a cut\n")
                .append("  that drops bytes and breaks the connections that carried them, not packet loss or reordering.\n");

        md.append("- Consul health JSON byte for byte: Consul only serves what it validated, so the fuzz reaches Pilot's\n")
                .append("  decoder through registration bodies; malformed JSON from Consul itself cannot be injected without a\n")
                .append("  fake server, which the project does not use for backend behaviour.\n");
    }

    private <T> T read(String name, TypeReference<T> type) {
        Path file = results.resolve(name + ".json");
        try {
            return Files.exists(file) ? json.readValue(file.toFile(), type) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
