package org.vdpnet.scenarios.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vdpnet} command line. Exit codes: 0 success; 1 an internal error (a bug: the stack
 * trace is printed); 2 bad input (one line naming the option or file, the value and what is
 * allowed); 3 the run finished but not successfully (for example the state blew up).
 */
@Command(name = "vdpnet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Networks of coupled van der Pol oscillators: simulate, fit to recordings, forecast and evaluate.",
        subcommands = {SimulateCommand.class, RunCommand.class, FitCommand.class, FitNetworkCommand.class, ForecastCommand.class, EvaluateCommand.class, DemoCommand.class, ReferenceCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 run ended without success (see its provenance.json)."})
public final class Main implements Runnable {
    /** Exit code for bad input. */
    static final int BAD_INPUT = 2;
    /** Exit code for a run that ended without success. */
    static final int RUN_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOverwrittenOptionsAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("vdpnet: error: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable t = ex;
            if (t instanceof UncheckedIOException && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof IllegalArgumentException || t instanceof java.nio.file.NoSuchFileException
                    || t instanceof java.nio.file.AccessDeniedException) {
                c.getErr().println("vdpnet: error: " + userMessage(t));
                return BAD_INPUT;
            }
            c.getErr().println("vdpnet: internal error (please report it with the command you ran):");
            ex.printStackTrace(c.getErr());
            return 1;
        });
        return cl.execute(args);
    }

    private static String userMessage(Throwable t) {
        if (t instanceof java.nio.file.NoSuchFileException nf) {
            return nf.getFile() + ": file not found";
        }
        if (t instanceof java.nio.file.AccessDeniedException ad) {
            return ad.getFile() + ": permission denied";
        }
        return t.getMessage();
    }

    /** Reports the library version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vdpnet " + org.vdpnet.sim.Provenance.libraryVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
