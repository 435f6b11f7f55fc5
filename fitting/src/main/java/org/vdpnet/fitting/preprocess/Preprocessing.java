package org.vdpnet.fitting.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vdpnet.sim.TimeSeries;

/**
 * A pipeline of {@link PreprocessStep}s, applied in order; the result carries the processed data,
 * the warnings, the SVD components (to map forecasts back to channels) and the step list for
 * provenance.
 */
public final class Preprocessing {
    private final List<PreprocessStep> steps;

    private Preprocessing(List<PreprocessStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A pipeline of the given steps. */
    public static Preprocessing of(PreprocessStep... steps) { return new Preprocessing(List.of(steps)); }

    /** A pipeline of the given steps. */
    public static Preprocessing of(List<PreprocessStep> steps) { return new Preprocessing(steps); }

    /** A copy with one more step at the end. */
    public Preprocessing then(PreprocessStep step) {
        List<PreprocessStep> s = new ArrayList<>(steps);
        s.add(step);
        return new Preprocessing(s);
    }

    /**
     * The outcome of a pipeline run.
     *
     * @param data       the processed series
     * @param warnings   what the steps reported
     * @param components the SVD components, when computed
     * @param steps      the steps, for provenance
     */
    public record Result(TimeSeries data, List<String> warnings, Optional<Components> components, List<Map<String, Object>> steps) {}

    /** Runs the pipeline. */
    public Result apply(TimeSeries in) {
        PreprocessLog log = new PreprocessLog();
        TimeSeries ts = in;
        List<Map<String, Object>> described = new ArrayList<>();
        for (PreprocessStep s : steps) {
            ts = s.apply(ts, log);
            described.add(s.describe());
        }
        return new Result(ts, log.warnings(), log.components(), described);
    }
}
