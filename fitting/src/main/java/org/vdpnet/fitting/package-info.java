/**
 * Recordings, preprocessing and estimators (fitting van der Pol networks to data). Filled by later issues: see README.md for the plan. It depends only on
 * {@code sim} interfaces.
 */
package org.vdpnet.fitting;
