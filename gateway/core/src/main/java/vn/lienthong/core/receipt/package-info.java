/** The gateway's identity and the signed receipts it issues. */
@NullMarked
package vn.lienthong.core.receipt;

import org.jspecify.annotations.NullMarked;
