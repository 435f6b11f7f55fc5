/**
 * The composition root: it wires {@code models} into the {@code sim} engine and writes run
 * folders ({@link org.vdpnet.scenarios.RunWriter}, {@link org.vdpnet.scenarios.Plots}). The
 * command line lives in {@code org.vdpnet.scenarios.cli}; only that package writes to the
 * terminal.
 */
package org.vdpnet.scenarios;
