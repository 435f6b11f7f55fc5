package org.vdpnet.scenarios.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded scenario file: where it came from, its exact text and SHA-256, the base settings and
 * the sweep. Immutable.
 *
 * @param source   the file (absolute), or a label when the text came from a provenance record
 * @param baseDir  folder against which relative paths in the file resolve
 * @param text     the file's text, as read
 * @param sha256   SHA-256 of the text (UTF-8)
 * @param base     the settings before any sweep
 * @param sweep    the sweep (possibly a single point)
 * @param pipeline the {@code recording}, {@code fit}, {@code forecast} and {@code evaluate} sections as written (checked
 *                 against the commands' options when run)
 * @param simulates whether the file asks for a simulation (any simulation setting or a sweep), or only for the pipeline
 */
public record Scenario(String source, Path baseDir, String text, String sha256, ScenarioValues base, SweepSpec sweep,
                       Map<String, YNode> pipeline, boolean simulates) {
    /** Checks the fields. */
    public Scenario {
        Objects.requireNonNull(source);
        Objects.requireNonNull(baseDir);
        Objects.requireNonNull(text);
        Objects.requireNonNull(base);
        Objects.requireNonNull(sweep);
        pipeline = Map.copyOf(pipeline);
    }

    /** A simulation-only scenario. */
    public Scenario(String source, Path baseDir, String text, String sha256, ScenarioValues base, SweepSpec sweep) {
        this(source, baseDir, text, sha256, base, sweep, Map.of(), true);
    }

    /** The study's name, or the file name without extension. */
    public String name() {
        String n = base.string("name");
        if (n != null && !n.isBlank()) {
            return n;
        }
        String f = Path.of(source).getFileName().toString();
        return f.replaceFirst("\\.ya?ml$", "");
    }
}
