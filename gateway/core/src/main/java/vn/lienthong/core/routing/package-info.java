/** Routing: the transactional outbox and its relay to the broker, one delivery order per recipient. */
@NullMarked
package vn.lienthong.core.routing;

import org.jspecify.annotations.NullMarked;
