/** The agency registry: codes, delivery settings, signing certificates and API token hashes. */
@NullMarked
package vn.lienthong.core.agency;

import org.jspecify.annotations.NullMarked;
