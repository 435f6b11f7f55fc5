/**
 * The wiring of {@code vdpnet fit}: {@link org.vdpnet.scenarios.fit.NetworkFits} builds the
 * networks that are fitted (research or classic form; dense, masked on a graph, or
 * {@code W = g * SC}) from the concrete models, {@link org.vdpnet.scenarios.fit.FitSetup} checks
 * the model options ({@code --model}, {@code --coupling-variable}, {@code --graph},
 * {@code --coupling-form}, {@code --fix}) before any work, and
 * {@link org.vdpnet.scenarios.fit.FittedNetwork} writes a fitted network into fit.json and reads it
 * back for {@code vdpnet simulate --from-fit}. No science here: the fitting is in {@code fitting},
 * the equations in {@code models}.
 */
package org.vdpnet.scenarios.fit;
