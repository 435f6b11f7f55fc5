package org.vdpnet.scenarios.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vdpnet.scenarios.RunWriter;
import picocli.CommandLine.Option;

/** The output-folder options of {@code fit}, {@code forecast} and {@code evaluate}. */
public final class OutputArgs {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty unless --overwrite).")
    Path out;
    @Option(names = "--overwrite", description = "Allow writing into a non-empty output folder.")
    boolean overwrite;
    @Option(names = "--quiet", description = "No progress bar and no summary.")
    boolean quiet;

    /** Checks the folder can take the run's output (nothing is created yet). */
    RunWriter prepare() throws IOException {
        return RunWriter.prepare(out, overwrite);
    }

    /**
     * The command as a user would type it: {@code vdpnet <name> <args>}, whether it ran from the
     * top-level command line (whose arguments start with the subcommand's name) or from another command.
     */
    static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        java.util.List<String> a = spec.commandLine().getParseResult().originalArgs();
        if (!a.isEmpty() && a.get(0).equals(spec.name())) {
            a = a.subList(1, a.size());
        }
        return "vdpnet " + spec.name() + (a.isEmpty() ? "" : " " + String.join(" ", a));
    }
}
