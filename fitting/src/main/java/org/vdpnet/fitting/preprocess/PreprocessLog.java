package org.vdpnet.fitting.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the steps of one pipeline run reported: warnings, and the SVD components if any. Not thread-safe. */
public final class PreprocessLog {
    private final List<String> warnings = new ArrayList<>();
    private Components components;

    /** Adds a warning for the user. */
    public void warn(String message) { warnings.add(message); }

    /** Records the SVD components. */
    void components(Components c) { this.components = c; }

    /** The warnings, in order. */
    public List<String> warnings() { return List.copyOf(warnings); }

    /** The SVD components, when a components step ran. */
    public Optional<Components> components() { return Optional.ofNullable(components); }
}
