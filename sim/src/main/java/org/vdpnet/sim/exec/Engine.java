package org.vdpnet.sim.exec;

/**
 * A distributed engine that {@link Engines#open} finds on the class path through
 * {@link java.util.ServiceLoader} (a module lists its implementation in
 * {@code META-INF/services/org.vdpnet.sim.exec.Engine}). Keeping engines behind this contract is
 * what lets a user who only simulates run without them: nothing else refers to their classes.
 */
public interface Engine {
    /** The name that {@code --engine} selects, such as {@code spark}. */
    String name();

    /**
     * Starts the engine for one command.
     *
     * @param appName  a name for the engine's user interface and logs, such as {@code vdpnet run ws-sweep}
     * @throws IllegalArgumentException for settings the engine refuses, naming the option
     */
    TaskExecutor open(EngineSettings settings, String appName) throws Exception;
}
