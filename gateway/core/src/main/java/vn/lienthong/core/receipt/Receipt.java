package vn.lienthong.core.receipt;

/**
 * A signed receipt as issued: the XML bytes the gateway returns and keeps.
 *
 * @param replayed true when this is the receipt of an earlier, identical submission
 */
public record Receipt(String envelopeId, byte[] xml, boolean replayed) {
}
