/**
 * A small client library for department systems: sign envelopes, submit them, verify the
 * gateway's receipts, read and acknowledge the inbox, and receive pushed envelopes. Plain
 * Java; no Spring.
 */
@NullMarked
package vn.lienthong.client;

import org.jspecify.annotations.NullMarked;
