/** Tracking: dossiers and the hand-off ledger, and the timelines read from them. */
@NullMarked
package vn.lienthong.core.tracking;

import org.jspecify.annotations.NullMarked;
