/**
 * Hardened XML parsing and serialisation for input nobody vouches for: no DTDs, no
 * external entities, bounded depth and attribute counts.
 */
@NullMarked
package vn.lienthong.xml;

import org.jspecify.annotations.NullMarked;
