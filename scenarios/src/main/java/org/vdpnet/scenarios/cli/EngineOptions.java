package org.vdpnet.scenarios.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.scenarios.config.EngineSection;
import org.vdpnet.sim.exec.EngineSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The engine options of the commands that run grids of independent tasks ({@code run}, {@code fit-network},
 * {@code evaluate}): the local thread pool (default) or Apache Spark. A scenario's {@code engine} section
 * gives the defaults; these options override it.
 */
public final class EngineOptions {
    /** The options that choose or set up an engine, with the local pool's {@code --threads}. */
    static final List<String> NAMES = List.of("--engine", "--master", "--partitions", "--engine-conf", "--threads");
    @Option(names = "--engine", paramLabel = "NAME", description = "local (the thread pool; default) or spark (Apache Spark; the launcher "
            + "builds it on first use).")
    String engine;
    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: local[*] (default), local[N], spark://HOST:7077, yarn "
            + "or k8s://HOST:PORT.")
    String master;
    @Option(names = "--partitions", paramLabel = "N", description = "With --engine spark: cut the tasks into N batches (default 0: one task "
            + "per input, each result written as it arrives). The results do not depend on it.")
    Integer partitions;
    @Option(names = "--engine-conf", paramLabel = "KEY=VALUE", description = "With --engine spark: a Spark setting (repeatable), "
            + "for example spark.executor.memory=2g.")
    Map<String, String> conf;

    /**
     * The settings, from these options over the scenario's section.
     *
     * @param threads the local pool's threads
     * @param threadsGiven whether the user gave {@code --threads} (refused with another engine, where the master sets the parallelism)
     */
    EngineSettings settings(int threads, boolean threadsGiven, EngineSection scenario) {
        String name = engine != null ? engine : scenario.name() != null ? scenario.name() : "local";
        if (!name.equals("local") && !name.equals("spark")) {
            throw new IllegalArgumentException("--engine: must be local or spark, got " + name);
        }
        boolean local = name.equals("local");
        String m = master != null ? master : local ? null : scenario.master();
        Integer p = partitions != null ? partitions : local ? null : scenario.partitions();
        Map<String, String> c = new LinkedHashMap<>(local ? Map.of() : scenario.conf());
        if (conf != null) {
            c.putAll(conf);
        }
        if (local) {
            for (String[] given : new String[][] {{"--master", master}, {"--partitions", partitions == null ? null : partitions.toString()}}) {
                if (given[1] != null) {
                    throw new IllegalArgumentException(given[0] + ": only applies with --engine spark (the local engine is the thread pool of "
                            + "this process), got " + given[1]);
                }
            }
            if (conf != null && !conf.isEmpty()) {
                throw new IllegalArgumentException("--engine-conf: only applies with --engine spark, got " + conf.keySet());
            }
        } else if (threadsGiven) {
            throw new IllegalArgumentException("--threads: applies to the local engine; with --engine " + name
                    + " the master sets how many tasks run at once (local[N], or the cluster's cores)");
        }
        if (p != null && p < 0) {
            throw new IllegalArgumentException("--partitions: must be >= 0 (0: one task per input), got " + p);
        }
        for (String k : c.keySet()) {
            if (!k.startsWith("spark.")) {
                throw new IllegalArgumentException("--engine-conf: keys are Spark settings starting with 'spark.', got " + k);
            }
        }
        return new EngineSettings(name, m, OptionChecks.threads(threads), p == null ? 0 : p, c);
    }

    /** The command-line options that select {@code es} (another engine than the local pool), for a command run on its behalf. */
    static List<String> arguments(EngineSettings es) {
        List<String> a = new ArrayList<>(List.of("--engine", es.engine()));
        if (es.master() != null) {
            a.addAll(List.of("--master", es.master()));
        }
        a.addAll(List.of("--partitions", Integer.toString(es.partitions())));
        new java.util.TreeMap<>(es.conf()).forEach((k, v) -> a.addAll(List.of("--engine-conf", k + "=" + v)));
        return a;
    }

    /** Whether {@code --threads} was given on the command line of {@code spec}. */
    static boolean given(CommandLine.Model.CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
