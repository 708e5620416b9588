/**
 * A simulator of the national portal's integration service for tests and the demo: the same
 * authentication and integration endpoints, the documented validation of dossier and progress
 * records, a store of what it received, failures on request, and a JSON view of its state.
 * Runs without Spring and without the gateway's core, alone ({@link SimulatorMain}) or inside
 * a test or the demo gateway ({@link PortalSimulator}).
 */
@NullMarked
package vn.lienthong.dvcqg.simulator;

import org.jspecify.annotations.NullMarked;
