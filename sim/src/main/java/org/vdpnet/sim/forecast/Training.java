package org.vdpnet.sim.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ForecasterTrainer} produced: the trained {@link Forecaster}, or the reason it
 * was skipped (an expected failure such as an unstable fitted network, never a user error), with
 * the training's diagnostics (for provenance) and its warnings (for the report). Immutable.
 * Serializable as its {@link #detached()} copy (the model stays where it was trained), so that an
 * evaluation's cells come back from a distributed engine's workers; the details must then be
 * serializable values (numbers, strings, lists, maps).
 */
public final class Training implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final transient Forecaster forecaster;
    private final String skipReason;
    private final Map<String, Object> details;
    private final List<String> warnings;
    private final String note;

    private Training(String name, Forecaster forecaster, String skipReason, Map<String, Object> details, List<String> warnings) {
        this(name, forecaster, skipReason, details, warnings, null);
    }

    private Training(String name, Forecaster forecaster, String skipReason, Map<String, Object> details, List<String> warnings, String note) {
        this.name = Objects.requireNonNull(name, "name");
        this.forecaster = forecaster;
        this.skipReason = skipReason;
        this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.warnings = List.copyOf(warnings);
        this.note = note;
    }

    /** A trained model. */
    public static Training of(Forecaster f, Map<String, Object> details, List<String> warnings) {
        return new Training(f.name(), f, null, details, warnings);
    }

    /** A model that could not be trained, and why. */
    public static Training skipped(String name, String reason, Map<String, Object> details, List<String> warnings) {
        return new Training(name, null, Objects.requireNonNull(reason, "reason"), details, warnings);
    }

    public String name() { return name; }

    /**
     * A copy without the model: what the training reported, for results that outlive the model
     * (a large grid must not keep every trained network, and its native memory, alive).
     * {@link #isSkipped()} keeps its answer; {@link #forecaster()} is empty.
     */
    public Training detached() {
        return new Training(name, null, skipReason, details, warnings, note);
    }

    /** The model, empty when skipped or {@link #detached()}. */
    public Optional<Forecaster> forecaster() { return Optional.ofNullable(forecaster); }

    public boolean isSkipped() { return skipReason != null; }

    /** Why it was skipped; empty when trained. */
    public String skipReason() { return skipReason == null ? "" : skipReason; }

    /** What the training reports (settings, losses, fit status), for provenance. */
    public Map<String, Object> details() { return details; }

    /**
     * A copy with a short note that tables print next to the model's numbers (for example why
     * it does not change with the training size).
     */
    public Training withNote(String text) {
        return new Training(name, forecaster, skipReason, details, warnings, Objects.requireNonNull(text, "note"));
    }

    /** The table note, if any. */
    public Optional<String> note() { return Optional.ofNullable(note); }

    /** Everything a reader of the results must know: floors, fallbacks, skipped steps. */
    public List<String> warnings() { return warnings; }
}
