package org.vdpnet.scenarios.cli;

import org.vdpnet.scenarios.config.ScenarioValues;
import picocli.CommandLine.Option;

/**
 * The conduction-delay options of {@code vdpnet simulate}: each is a scenario setting (see {@link #PATHS}),
 * with its default from the schema through {@link SimulateCommand.Defaults}.
 */
public final class DelayOptions {
    /** Option name to scenario path. */
    static final String[][] PATHS = {{"--speed", "delays.speed"}, {"--lengths", "delays.lengths"}, {"--delay-rule", "delays.rule"}};

    @Option(names = "--speed", description = "Conduction speed in mm/ms, >= 0: each edge's delay is its tract length / speed (--unit-seconds converts to"
            + " model units); needs a fixed-step --integrator; 0 or no lengths: no delays (default: ${DEFAULT-VALUE}).")
    double speed;
    @Option(names = "--lengths", paramLabel = "FILE", description = "Tract lengths in mm, a matrix oriented like the weights (transposed with them by"
            + " --transpose); needs --speed > 0. Default: a TVB connectome's tract_lengths.txt.")
    String lengths;
    @Option(names = "--delay-rule", description = "How a delay between two steps is read: nearest (round(delay / dt) steps) or linear (default: ${DEFAULT-VALUE}).")
    String rule;

    /** {@code v} with these options set; messages name the option. */
    ScenarioValues apply(ScenarioValues v) {
        v = v.with("delays.speed", speed, null, "--speed").with("delays.rule", rule, null, "--delay-rule");
        return lengths == null ? v : v.with("delays.lengths", lengths, null, "--lengths");
    }
}
