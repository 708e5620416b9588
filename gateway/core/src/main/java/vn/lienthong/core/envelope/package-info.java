/** Dossier envelopes: the model, reading and validating the XML, and the archive of the exact bytes received. */
@NullMarked
package vn.lienthong.core.envelope;

import org.jspecify.annotations.NullMarked;
