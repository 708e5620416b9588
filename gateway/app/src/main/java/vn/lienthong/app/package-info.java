/** The gateway application: wires the core and the adapters, and reports where things are on start. */
@NullMarked
package vn.lienthong.app;

import org.jspecify.annotations.NullMarked;
