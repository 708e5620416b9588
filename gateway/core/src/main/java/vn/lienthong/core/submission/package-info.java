/** Ingress: the path from a submitted body to a signed receipt (parse, validate, authorise, verify, deduplicate, persist and route). */
@NullMarked
package vn.lienthong.core.submission;

import org.jspecify.annotations.NullMarked;
