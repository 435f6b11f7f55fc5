/**
 * LSTM forecasters and correctors on DL4J; the only module that will see ND4J. Filled by later issues: see README.md for the plan. It depends only on
 * {@code sim} interfaces.
 */
package org.vdpnet.hybrid;
