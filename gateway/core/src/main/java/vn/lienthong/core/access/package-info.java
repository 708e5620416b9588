/** Who is calling: agencies authenticated by API token, and what each may see. */
@NullMarked
package vn.lienthong.core.access;

import org.jspecify.annotations.NullMarked;
