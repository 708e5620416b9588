/**
 * Builds dossier envelopes ({@code envelope-v1.xsd}) with a typed, fluent API: header, dossier,
 * and components whose size and SHA-256 are computed while their bytes stream in. What it
 * builds is checked against the contract schema before anyone can sign it.
 */
@NullMarked
package vn.lienthong.client.envelope;

import org.jspecify.annotations.NullMarked;
