package org.vdpnet.scenarios.cli;

import java.util.concurrent.Callable;
import org.vdpnet.scenarios.config.ScenarioReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vdpnet scenario-reference}: prints docs/scenario-reference.md, generated from the schema. */
@Command(name = "scenario-reference", mixinStandardHelpOptions = true,
        description = "Print the scenario file reference (Markdown), generated from the schema.")
public final class ReferenceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ScenarioReference.markdown());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
