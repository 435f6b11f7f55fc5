/**
 * The simulator benchmark harness; {@code bench/run.sh} runs it next to the SciPy and numba
 * peers in {@code bench/peers.py} on the same exported systems.
 */
package org.vdpnet.bench;
