/**
 * A minimal department system on the lienthong gateway, written to be copied: it takes dossiers
 * (pushed to it, or pulled from its inbox), works on each for a while, reports that it is
 * processing it, then hands it to the next agency or returns its result, every envelope signed
 * with the agency's key and every receipt verified.
 */
@NullMarked
package vn.lienthong.example.department;

import org.jspecify.annotations.NullMarked;
