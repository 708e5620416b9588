/**
 * Group commit: units of work from many threads written several to a database transaction,
 * each standing or falling alone, so the commit (the dearest step of storing) is shared. Used
 * by acceptance and by the recording of pushed deliveries.
 */
@NullMarked
package vn.lienthong.core.groupcommit;

import org.jspecify.annotations.NullMarked;
