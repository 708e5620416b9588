/**
 * Trust in certificates: the configured trust anchors, certificate revocation lists fetched in
 * the background, validation of signers' certificates, and the expiry of every certificate
 * the gateway relies on.
 */
@NullMarked
package vn.lienthong.core.trust;

import org.jspecify.annotations.NullMarked;
