package org.vdpnet.sim.forecast;

/**
 * Trains a {@link Forecaster} on frames (the trainer → model split of Tribuo): an evaluation
 * holds trainers, hands each one the training frames of every cell of its grid, and never needs
 * to know which model it trains. Implementations must be pure functions of the frames and the
 * seed: the same call gives the same model, bit for bit.
 */
public interface ForecasterTrainer {
    /** The model's short name ({@code vdp}, {@code lstm}, {@code var}, ...). */
    String name();

    /**
     * Whether training depends on the seed. A deterministic trainer (a baseline, a least-squares
     * fit) is trained once per training set whatever the number of seeds, so that its
     * intervals do not shrink with the seeds.
     */
    boolean seeded();

    /**
     * Trains on {@code frames[time][channel]} (the most recent last).
     *
     * @param seed the seed of every random choice (ignored by deterministic trainers)
     * @return the trained model or why it could not be trained, with its diagnostics
     */
    Training train(double[][] frames, long seed);
}
