/**
 * Offline verification of a dossier's evidence bundle (docs/EVIDENCE.md): the gateway's
 * hash-chained ledger, its signed head, and the envelopes and receipts the ledger names.
 * {@link vn.lienthong.client.evidence.EvidenceBundleVerifier} is the entry point; tampering
 * is reported as {@link vn.lienthong.client.evidence.Finding}s, never thrown.
 */
@NullMarked
package vn.lienthong.client.evidence;

import org.jspecify.annotations.NullMarked;
