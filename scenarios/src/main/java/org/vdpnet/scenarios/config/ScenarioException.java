package org.vdpnet.scenarios.config;

/**
 * A user's mistake in a scenario (or in the options that stand for one): the message is one
 * line that names the place ({@code network.nodes.mu (line 12)} or {@code --mu}), the value and
 * what is allowed.
 */
public final class ScenarioException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error with a complete one-line message. */
    public ScenarioException(String message) {
        super(message);
    }
}
