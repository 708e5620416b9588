/**
 * The XML-DSig profile that agencies and the gateway share: enveloped signatures over the
 * whole document, a short allow-list of algorithms and transforms, the signer's
 * certificate in {@code KeyInfo}. Signing and verifying live side by side so that what one
 * produces the other accepts.
 */
@NullMarked
package vn.lienthong.signature;

import org.jspecify.annotations.NullMarked;
