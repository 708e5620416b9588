/**
 * Evidence: the hash-chained ledger of everything that happened to a dossier, and the bundle
 * that lets anyone check it offline (docs/EVIDENCE.md).
 */
@NullMarked
package vn.lienthong.core.evidence;

import org.jspecify.annotations.NullMarked;
