/**
 * The national portal adapter: the client of the DVCQG integration service that implements the
 * core's {@code NationalPortal} port (sessions, the {@code dstcode} header, the wire format and
 * what its answers mean), and its settings. The simulator of that service lives in
 * {@code vn.lienthong.dvcqg.simulator} and depends on nothing here.
 */
@NullMarked
package vn.lienthong.dvcqg;

import org.jspecify.annotations.NullMarked;
