package org.vdpnet.fitting.preprocess;

import java.util.Map;
import org.vdpnet.sim.TimeSeries;

/** One preprocessing step: a pure function of a time series, described for provenance. */
public interface PreprocessStep {
    /** Applies the step; warnings and artefacts (such as SVD loadings) go to {@code log}. */
    TimeSeries apply(TimeSeries in, PreprocessLog log);

    /** The step and its settings, for provenance. */
    Map<String, Object> describe();
}
