/**
 * The embedded H2 database's file: synced at every commit and compacted while the gateway runs,
 * which H2 does neither of on its own in the mode the gateway needs. Nothing here acts on
 * PostgreSQL, whose commits are durable and whose space {@code VACUUM} reclaims.
 */
@NullMarked
package vn.lienthong.app.database;

import org.jspecify.annotations.NullMarked;
