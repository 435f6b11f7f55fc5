/**
 * The {@code vdpnet} command line (picocli). The only package that writes to the terminal.
 * {@link org.vdpnet.scenarios.cli.Main#execute} runs a command line in-process and returns its
 * exit code, which is how the tests drive it:
 *
 * <pre>{@code
 * int code = Main.execute("simulate", "--nodes", "12", "--t-end", "20", "--out", "runs/small");
 * }</pre>
 */
package org.vdpnet.scenarios.cli;
