/**
 * An agency's keys: generating a signing key with a first certificate and a PKCS#10 request
 * for a real CA's certificate.
 */
@NullMarked
package vn.lienthong.client.keys;

import org.jspecify.annotations.NullMarked;
