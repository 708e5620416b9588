/** Delivery: per-recipient state, push to agency endpoints, and the inbox that pull agencies read. */
@NullMarked
package vn.lienthong.core.delivery;

import org.jspecify.annotations.NullMarked;
