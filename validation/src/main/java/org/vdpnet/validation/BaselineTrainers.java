package org.vdpnet.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.forecast.ForecasterTrainer;
import org.vdpnet.sim.forecast.Training;

/** The baselines as trainers: persistence, climatology and VAR(p) with p by AIC. All are deterministic. */
public final class BaselineTrainers {
    private BaselineTrainers() {}

    /** Names, in the order {@link #all} gives them. */
    public static final List<String> NAMES = List.of("persistence", "climatology", "var");

    /** The largest VAR order tried: at most 5, and small enough that every order has more rows than coefficients. */
    public static int varMaxOrder(int frames, int channels) {
        return Math.max(1, Math.min(5, (frames - 2) / (channels + 1) - 1));
    }

    /** The trainer of one baseline by name. */
    public static ForecasterTrainer of(String name, int horizon, double varRidge) {
        return switch (name) {
            case "persistence" -> trainer(name, frames -> Training.of(Baselines.persistence(frames[0].length, horizon), Map.of(), List.of()));
            case "climatology" -> trainer(name, frames -> Training.of(Baselines.climatology(frames, horizon), Map.of("frames", frames.length), List.of()));
            case "var" -> trainer(name, frames -> {
                int maxOrder = varMaxOrder(frames.length, frames[0].length);
                VarModel v = VarModel.fitByAic(frames, maxOrder, varRidge, horizon);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("order", v.order());
                d.put("maxOrder", maxOrder);
                d.put("aic", v.aic());
                d.put("ridge", varRidge);
                return Training.of(v, d, List.of());
            });
            default -> throw new IllegalArgumentException("baseline: unknown '" + name + "'; allowed: " + String.join(", ", NAMES));
        };
    }

    /** Every baseline. */
    public static List<ForecasterTrainer> all(int horizon, double varRidge) {
        return NAMES.stream().map(n -> of(n, horizon, varRidge)).toList();
    }

    private static ForecasterTrainer trainer(String name, java.util.function.Function<double[][], Training> fit) {
        return new ForecasterTrainer() {
            @Override public String name() { return name; }

            @Override public boolean seeded() { return false; }

            @Override public Training train(double[][] frames, long seed) { return fit.apply(frames); }
        };
    }
}
