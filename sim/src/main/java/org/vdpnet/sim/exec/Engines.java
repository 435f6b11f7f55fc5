package org.vdpnet.sim.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens the {@link TaskExecutor} that {@link EngineSettings} name: the local pool, or an {@link Engine} on the class path. */
public final class Engines {
    private Engines() {}

    /**
     * The executor for {@code settings}; close it when done.
     *
     * @throws IllegalArgumentException where the engine is not on the class path (naming {@code --engine} and what is installed)
     */
    public static TaskExecutor open(EngineSettings settings, String appName) throws Exception {
        if (settings.isLocal()) {
            return TaskExecutor.local(settings.threads());
        }
        List<String> found = new ArrayList<>();
        for (Engine e : ServiceLoader.load(Engine.class, Engines.class.getClassLoader())) {
            if (e.name().equals(settings.engine())) {
                return e.open(settings, appName);
            }
            found.add(e.name());
        }
        throw new IllegalArgumentException("--engine: '" + settings.engine() + "' is not installed in this build (engines here: local"
                + (found.isEmpty() ? "" : ", " + String.join(", ", found)) + "); run through ./vdpnet, which builds the Spark engine when"
                + " --engine spark is asked for, or submit distributed/target/vdpnet-spark.jar with spark-submit");
    }

    /** The names of the engines on the class path, {@code local} first. */
    public static List<String> available() {
        List<String> names = new ArrayList<>(List.of("local"));
        ServiceLoader.load(Engine.class, Engines.class.getClassLoader()).forEach(e -> names.add(e.name()));
        return names;
    }
}
